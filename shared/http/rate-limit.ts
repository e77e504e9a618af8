// Per-key rate limiting behind a port: a token bucket in process here, Redis later. The clock is
// injected so tests decide what time it is.

import { LRUCache } from 'lru-cache';
import type { MaybePromise } from './maybe-async.ts';

export type RateDecision = { readonly allowed: boolean; readonly retryAfterSeconds: number };

export type RateLimiter = { readonly take: (key: string) => MaybePromise<RateDecision> };
/** A limiter that answers from memory, never waiting. */
export type LocalRateLimiter = { readonly take: (key: string) => RateDecision };

export type RateLimitConfig = {
  /** Sustained requests per second per key. */
  readonly ratePerSecond: number;
  /** Requests a key may make at once after being idle. */
  readonly burst: number;
};

type Bucket = { tokens: number; at: number };

export function createMemoryRateLimiter(config: RateLimitConfig, now: () => number = Date.now): LocalRateLimiter {
  const buckets = new LRUCache<string, Bucket>({ max: 10_000 });
  return {
    take: (key) => {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: config.burst, at: t };
      bucket.tokens = Math.min(config.burst, bucket.tokens + ((t - bucket.at) / 1000) * config.ratePerSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / config.ratePerSecond)) };
    },
  };
}
