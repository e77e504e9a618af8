// Throttling around authentication, for every function: an address that keeps presenting wrong
// keys is refused with 429 before any key is looked up (so a right guess among wrong ones is not
// revealed either), and outside evaluate (which has its own limiter) each key has a rate limit.
//
// PERFORMANCE NOTE: on the evaluate hot path this costs one size check of an empty Map; the
// failure counts live in a bounded LRU only for addresses that failed.

import { LRUCache } from 'lru-cache';
import type { RateLimiter } from './rate-limit.ts';
import type { HttpRequest } from './types.ts';

export type AuthGuard = {
  /** Seconds the request's address must wait after too many failed attempts; undefined when it may go on. */
  readonly blockedFor: (request: HttpRequest) => number | undefined;
  /** Counts a failed attempt (no key, an unknown key) against the request's address. */
  readonly failed: (request: HttpRequest) => void;
  /** Each key's own rate limit; absent where the route applies one itself (evaluate). */
  readonly limiter?: RateLimiter;
};

export type AuthGuardOptions = {
  /** Failed attempts one address may make per window before it is refused for the rest of the window. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly limiter?: RateLimiter;
  readonly now?: () => number;
};

/**
 * The caller's address as Google's front end saw it: the last X-Forwarded-For entry (the one the
 * front end appended), never the first, which the caller writes. Locally, the socket's address.
 */
export function callerAddress(request: HttpRequest): string {
  const forwarded = request.headers['x-forwarded-for'];
  const list = typeof forwarded === 'string' ? forwarded : Array.isArray(forwarded) ? forwarded.join(',') : '';
  const last = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0).at(-1);
  return last ?? request.ip ?? 'unknown';
}

export function createAuthGuard(options: AuthGuardOptions): AuthGuard {
  const now = options.now ?? Date.now;
  const failures = new LRUCache<string, { count: number; since: number }>({ max: 10_000 });
  const blocked = new Map<string, number>();
  return {
    blockedFor: (request) => {
      if (blocked.size === 0) return undefined;
      const address = callerAddress(request);
      const until = blocked.get(address);
      if (until === undefined) return undefined;
      const left = until - now();
      if (left > 0) return Math.ceil(left / 1000);
      blocked.delete(address);
      return undefined;
    },
    failed: (request) => {
      const address = callerAddress(request);
      const at = now();
      const entry = failures.get(address);
      const current = entry && at - entry.since < options.windowMs ? entry : { count: 0, since: at };
      current.count++;
      failures.set(address, current);
      if (current.count >= options.maxFailures) {
        blocked.set(address, current.since + options.windowMs);
        failures.delete(address);
      }
    },
    ...(options.limiter ? { limiter: options.limiter } : {}),
  };
}
