import { randomBytes } from 'node:crypto';

/** 128 random bits as 32 hex characters: one per run, never derived from anything a node sees. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}
