/** A stable serialisation and hash of the exercise state: equal states, equal bytes. */
import stringify from 'safe-stable-stringify';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function canonicalJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

export function stateHash(state: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(state))));
}
