// API keys: `Authorization: Bearer <key>` or `X-API-Key: <key>`, looked up by their SHA-256 (keys
// are stored hashed). A missing and a wrong key get the same answer, so nothing hints which.

import { createHash } from 'node:crypto';
import { problem, type Problem } from './problem.ts';
import type { HttpRequest } from './types.ts';

export type Principal =
  | { readonly kind: 'sdk'; readonly keyId: string; readonly name: string; readonly environment: string }
  | { readonly kind: 'admin'; readonly keyId: string; readonly name: string; readonly role: 'viewer' | 'editor' | 'admin' };

/** The port a function authenticates through: a key's hash to its principal. */
export type KeyVerifier = { readonly findByHash: (hash: string) => Promise<Principal | undefined> };

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function presentedKey(request: HttpRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization);
    if (m) return m[1];
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length <= 512 ? apiKey.trim() : undefined;
}

export const UNAUTHORIZED: Problem = problem('UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>" or "X-API-Key: <key>"');

export type AuthResult<P extends Principal> = { ok: true; principal: P } | { ok: false; problem: Problem };

/** Authenticates a request and checks the key's kind; a key of another kind is forbidden. */
export async function authenticate<K extends Principal['kind']>(request: HttpRequest, keys: KeyVerifier, kind: K): Promise<AuthResult<Extract<Principal, { kind: K }>>> {
  const secret = presentedKey(request);
  if (secret === undefined) return { ok: false, problem: UNAUTHORIZED };
  const principal = await keys.findByHash(hashKey(secret));
  if (!principal) return { ok: false, problem: UNAUTHORIZED };
  if (principal.kind !== kind) return { ok: false, problem: problem('FORBIDDEN', `this endpoint needs ${kind === 'sdk' ? 'an SDK' : 'an admin'} key`) };
  return { ok: true, principal: principal as Extract<Principal, { kind: K }> };
}
