// What an API key grants and how a key is found: the principal a key stands for, the port from a
// key's hash to it, and the hash keys are stored under (SHA-256; keys are never stored in clear).
// Here rather than in http/ because the stores implement the port: http/auth.ts reads through it.

import { createHash } from 'node:crypto';

/** `expiresAt` (epoch ms): a rotated key's end of overlap, or a key made to expire. */
export type Principal =
  | { readonly kind: 'sdk'; readonly keyId: string; readonly name: string; readonly environment: string; readonly access: 'client' | 'server'; readonly allowedOrigins?: readonly string[]; readonly expiresAt?: number }
  | { readonly kind: 'admin'; readonly keyId: string; readonly name: string; readonly role: 'viewer' | 'editor' | 'admin'; readonly expiresAt?: number };

/** The port a function authenticates through: a key's hash to its principal (synchronous when held in memory). */
export type KeyVerifier = { readonly findByHash: (hash: string) => Principal | undefined | Promise<Principal | undefined> };

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
