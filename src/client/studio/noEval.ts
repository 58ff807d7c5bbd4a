/**
 * zod compiles fast validators with new Function() when it may; the page's
 * Content-Security-Policy forbids eval, and even zod's probe for it reports a
 * violation. Imported first by the studio and its worker.
 */
import { z } from 'zod';

z.config({ jitless: true });
