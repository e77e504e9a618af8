// API keys: `Authorization: Bearer <key>` or `X-API-Key: <key>`, looked up by their SHA-256 (keys
// are stored hashed). A missing and a wrong key get the same answer, so nothing hints which.

import { LRUCache } from 'lru-cache';
import { then, type MaybePromise } from './maybe-async.ts';
import { problem, type Problem } from './problem.ts';
import type { HttpRequest } from './types.ts';
import { noteAuthFailure, noteKey } from '../telemetry/request-telemetry.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';
import type { AuthGuard } from './auth-guard.ts';
import { hashKey, type KeyVerifier, type Principal } from '../store/api-keys.ts';

/** How a function resolves presented keys: straight through the port, or with a memory in front. */
export type KeyLookup = {
  readonly find: (secret: string) => MaybePromise<Principal | undefined>;
  /**
   * With a memory in front: whether a key found earlier still stands at its environment's
   * `version`. Revoking or rotating an SDK key moves its environment's version, which the caller
   * confirms within the freshness bound, so a revoked key is refused within that bound.
   */
  readonly stillValid?: (secret: string, version: number) => MaybePromise<boolean>;
};

export function keyLookup(verifier: KeyVerifier): KeyLookup {
  return { find: (secret) => verifier.findByHash(hashKey(secret)) };
}

type KnownKey = { readonly principal: Principal; /** The environment version it was last checked at. */ version: number | undefined };

/**
 * Remembers the keys it has verified, keyed by the presented secret, so a warm instance answers
 * from memory without hashing. A remembered key is checked again whenever its environment's
 * version moves (`stillValid`) and is dropped at its expiry; `ttlMs` only bounds how long an
 * unused entry stays. Unknown keys are not remembered.
 */
export function cachingKeyLookup(verifier: KeyVerifier, options: { ttlMs: number; max?: number; metrics?: MetricsRecorder; now?: () => number }): KeyLookup {
  const now = options.now ?? Date.now;
  const known = new LRUCache<string, KnownKey>({ max: options.max ?? 1000, ttl: options.ttlMs });
  const hits = options.metrics?.counter('cache_lookups', { cache: 'key', result: 'hit' });
  const misses = options.metrics?.counter('cache_lookups', { cache: 'key', result: 'miss' });
  const verify = (secret: string, version: number | undefined) =>
    then(verifier.findByHash(hashKey(secret)), (principal) => {
      if (principal) known.set(secret, { principal, version });
      else known.delete(secret);
      return principal;
    });
  return {
    find: (secret) => {
      const hit = known.get(secret);
      if (hit && (hit.principal.expiresAt === undefined || now() < hit.principal.expiresAt)) {
        hits?.();
        return hit.principal;
      }
      misses?.();
      return verify(secret, undefined);
    },
    stillValid: (secret, version) => {
      const entry = known.peek(secret);
      if (entry === undefined) return true; // not remembered: it was verified by the store just now
      if (entry.version === version) return true;
      // First seen with this version: what the store said a moment ago holds for it.
      if (entry.version === undefined) {
        entry.version = version;
        return true;
      }
      return then(verify(secret, version), (principal) => principal !== undefined && principal.keyId === entry.principal.keyId);
    },
  };
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

/** `secret` is the key presented, for `KeyLookup.stillValid`; never log it. */
export type AuthResult<P extends Principal> = { ok: true; principal: P; secret: string } | { ok: false; problem: Problem; headers?: Record<string, string> };

const throttled = (seconds: number, why: string) => ({
  ok: false as const,
  problem: problem('RATE_LIMITED', `${why}; retry after ${seconds} s`),
  headers: { 'Retry-After': String(seconds) },
});

/**
 * Authenticates a request and checks the key's kind; a key of another kind is forbidden. With a
 * guard, an address throttled for failed attempts is refused before any lookup, failures are
 * counted, and the key's own rate limit applies.
 */
export function authenticate<K extends Principal['kind']>(request: HttpRequest, keys: KeyLookup, kind: K, guard?: AuthGuard): MaybePromise<AuthResult<Extract<Principal, { kind: K }>>> {
  const wait = guard?.blockedFor(request);
  if (wait !== undefined) {
    noteAuthFailure(request, 'throttled');
    return throttled(wait, 'too many failed attempts to authenticate from this address');
  }
  const secret = presentedKey(request);
  if (secret === undefined) {
    noteAuthFailure(request, 'missing');
    guard?.failed(request);
    return { ok: false, problem: UNAUTHORIZED };
  }
  return then(keys.find(secret), (principal): MaybePromise<AuthResult<Extract<Principal, { kind: K }>>> => {
    if (!principal) {
      noteAuthFailure(request, 'invalid');
      guard?.failed(request);
      return { ok: false, problem: UNAUTHORIZED };
    }
    noteKey(request, principal.keyId);
    if (principal.kind !== kind) {
      noteAuthFailure(request, 'wrong_kind');
      return { ok: false, problem: problem('FORBIDDEN', `this endpoint needs ${kind === 'sdk' ? 'an SDK' : 'an admin'} key`) };
    }
    const admitted = { ok: true as const, principal: principal as Extract<Principal, { kind: K }>, secret };
    if (!guard?.limiter) return admitted;
    return then(guard.limiter.take(principal.keyId), (decision) => (decision.allowed ? admitted : throttled(decision.retryAfterSeconds, 'this key is over its request rate')));
  });
}

const SERVER_KEY_IN_BROWSER: Problem = problem(
  'FORBIDDEN',
  'this is a server SDK key, and the request comes from a browser (it has an Origin header): a server key must never ship in a page. Create a client key (POST /v1/keys with "access": "client") and mark the flags browsers may see with "clientVisible": true',
);

/**
 * Where an SDK key may be used from. Client keys ship in browsers, optionally only from their
 * allowed origins; server keys are refused from browsers (a request with an Origin header), where
 * anyone could read them. Undefined when the request may go on.
 */
export function originRefusal(principal: Extract<Principal, { kind: 'sdk' }>, request: HttpRequest): Problem | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  if (principal.access === 'server') return SERVER_KEY_IN_BROWSER;
  if (principal.allowedOrigins && !principal.allowedOrigins.includes(origin)) {
    return problem('FORBIDDEN', `origin ${origin} is not among this client key's allowed origins`);
  }
  return undefined;
}
