/** The server's public surface (used by `firebreak serve` and tests). */
export { startServer } from './server';
export type { ServerOptions, RunningServer } from './server';
export { SqliteStorage } from './storage/sqlite';
export { MemoryStorage } from './storage/memory';
export { ConflictError, DuplicateError } from './storage/types';
export type { Storage, ExerciseMeta, SeatRecord, LogRecord, NewLogRecord, CodeRecord } from './storage/types';
export { runServer } from './main';
