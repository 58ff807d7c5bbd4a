/**
 * The wire protocol shared by the server and the browser client: event
 * types, payload schemas, answers and error codes. No Node APIs.
 */
export * from './events';
export * from './schemas';
export * from './patch';
