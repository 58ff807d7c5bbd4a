/**
 * Credentials, join codes and ids.
 *
 * A seat credential is 256 random bits (crypto.randomBytes(32), base64url);
 * only its sha256 is stored. Join codes are readable: 10 characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L), about 49.5 bits, so that
 * guessing one is hopeless within the failed-join limits (docs/server.md,
 * "Join codes and guessing", has the arithmetic).
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;

export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Public ids (exercise, seat): 16 characters of base32-ish lower case, not secrets. */
export function newPublicId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let id = '';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

export function newSeed(): string {
  return randomUUID();
}
