// Per-key rate limiting shared by every instance, without an await on the request's path: each
// request is answered at once by what this instance knows (the in-process bucket, and whether
// Redis last said the key is over its shared window), and counted in the shared sliding window in
// Redis (@upstash/ratelimit) in the background, batched per key. A key Redis reports exhausted is
// refused locally until the window resets. So evaluations never wait on Redis (DESIGN.md section
// 4); the price is that each instance may admit what it served while learning of the exhaustion
// (one batch interval plus a round trip), a few percent of a window at real limits.

import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { LRUCache } from 'lru-cache';
import type { Breaker } from './breaker.ts';
import type { LocalRateLimiter, RateDecision, RateLimitConfig, RateLimiter } from '../http/rate-limit.ts';

/**
 * Admitted requests are counted in Redis in batches: one call per key per interval instead of one
 * per request (a call costs the instance far more CPU than an evaluation does). An instance may so
 * admit up to this interval's worth of requests past the shared window.
 */
const FLUSH_EVERY_MS = 50;

export type RedisRateLimitOptions = {
  readonly redis: Redis;
  readonly breaker: Breaker;
  /** The in-process bucket: every answer passes it; alone it answers while Redis cannot. */
  readonly fallback: LocalRateLimiter;
  readonly timeoutMs: number;
  readonly prefix?: string;
  readonly now?: () => number;
};

export type SharedRateLimiter = RateLimiter & {
  /** Resolves once every background count sent so far has come back (for tests and shutdown). */
  readonly settled: () => Promise<void>;
};

/** The token bucket's rate and burst as a sliding window: `burst` requests per `burst / rate` seconds (1 s at least). */
export function windowFor(config: RateLimitConfig): { tokens: number; seconds: number } {
  const seconds = Math.max(1, Math.round(config.burst / config.ratePerSecond));
  return { tokens: Math.max(1, Math.round(config.ratePerSecond * seconds)), seconds };
}

export function createRedisRateLimiter(config: RateLimitConfig, options: RedisRateLimitOptions): SharedRateLimiter {
  const now = options.now ?? Date.now;
  const { tokens, seconds } = windowFor(config);
  const ratelimit = new Ratelimit({
    redis: options.redis,
    limiter: Ratelimit.slidingWindow(tokens, `${seconds} s`),
    prefix: options.prefix ?? 'sy:rl',
    analytics: false,
    // Ratelimit fails open on its own timeout; ours counts it as a Redis failure for the breaker.
    timeout: options.timeoutMs + 50,
  });
  /** Keys the shared window refused, until when (epoch ms). */
  const exhausted = new LRUCache<string, number>({ max: 10_000 });
  const inFlight = new Set<Promise<void>>();
  /** Requests admitted since the last flush, per key: counted in Redis together. */
  let pending = new Map<string, number>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  const count = (key: string, requests: number) => {
    const counted = options.breaker
      .run(async () => {
        const result = await ratelimit.limit(key, { rate: requests });
        if (result.reason === 'timeout') throw new Error(`rate limit count timed out after ${options.timeoutMs + 50} ms`);
        return result;
      })
      .then(
        (result) => {
          // The last request the window takes closes it for this instance too, not only the next refused one.
          if (!result.success || result.remaining <= 0) exhausted.set(key, result.reset);
        },
        () => undefined, // counted by the breaker; the in-process bucket keeps answering
      )
      .finally(() => inFlight.delete(counted));
    inFlight.add(counted);
  };

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = pending;
    pending = new Map();
    for (const [key, requests] of batch) count(key, requests);
  };

  return {
    take: (key): RateDecision => {
      const t = now();
      const until = exhausted.get(key);
      if (until !== undefined) {
        if (until > t) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - t) / 1000)) };
        exhausted.delete(key);
      }
      const local = options.fallback.take(key);
      // Breaker open: the in-process answer alone, with no Redis call.
      if (local.allowed && options.breaker.available()) {
        pending.set(key, (pending.get(key) ?? 0) + 1);
        flushTimer ??= setTimeout(flush, FLUSH_EVERY_MS).unref();
      }
      return local;
    },
    settled: async () => {
      flush();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
