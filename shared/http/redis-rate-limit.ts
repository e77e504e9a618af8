// Per-key rate limiting shared by every instance: a sliding window in Redis (@upstash/ratelimit),
// with the in-process limiter answering instead while Redis fails or its breaker is open.

import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import type { Breaker } from '../cache/breaker.ts';
import type { RateDecision, RateLimitConfig, RateLimiter } from './rate-limit.ts';

export type RedisRateLimitOptions = {
  readonly redis: Redis;
  readonly breaker: Breaker;
  /** Answers while Redis cannot. */
  readonly fallback: RateLimiter;
  readonly timeoutMs: number;
  readonly prefix?: string;
  readonly now?: () => number;
};

/** The token bucket's rate and burst as a sliding window: `burst` requests per `burst / rate` seconds (1 s at least). */
export function windowFor(config: RateLimitConfig): { tokens: number; seconds: number } {
  const seconds = Math.max(1, Math.round(config.burst / config.ratePerSecond));
  return { tokens: Math.max(1, Math.round(config.ratePerSecond * seconds)), seconds };
}

export function createRedisRateLimiter(config: RateLimitConfig, options: RedisRateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const { tokens, seconds } = windowFor(config);
  const ratelimit = new Ratelimit({
    redis: options.redis,
    limiter: Ratelimit.slidingWindow(tokens, `${seconds} s`),
    prefix: options.prefix ?? 'sy:rl',
    analytics: false,
    // Ratelimit fails open on its own timeout; ours must fail over to the fallback instead.
    timeout: options.timeoutMs + 50,
  });
  const remote = async (key: string): Promise<RateDecision> => {
    const result = await ratelimit.limit(key);
    if (result.reason === 'timeout') throw new Error(`rate limit check timed out after ${options.timeoutMs + 50} ms`);
    return { allowed: result.success, retryAfterSeconds: result.success ? 0 : Math.max(1, Math.ceil((result.reset - now()) / 1000)) };
  };
  return {
    take: (key) => {
      // Breaker open: the in-process answer, synchronously, with no Redis call.
      if (!options.breaker.available()) return options.fallback.take(key);
      return options.breaker.run(() => remote(key)).catch(() => options.fallback.take(key));
    },
  };
}
