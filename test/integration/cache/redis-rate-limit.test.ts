// The Redis rate limiter (@upstash/ratelimit through the REST proxy): one window shared by every
// instance, and the in-process limiter answering while Redis cannot.

import assert from 'node:assert/strict';
import { Redis } from '@upstash/redis';
import { createBreaker } from '../../../shared/cache/breaker.ts';
import { createMemoryRateLimiter, type RateDecision } from '../../../shared/http/rate-limit.ts';
import { createRedisRateLimiter, windowFor } from '../../../shared/cache/redis-rate-limit.ts';
import { freePort } from '../../../scripts/services/process.ts';
import { upstash } from '../../helpers/services.ts';

const config = { ratePerSecond: 5, burst: 5 };
const instance = (redis: Redis, failures = 3) => {
  const fallback = createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 });
  const breaker = createBreaker('redis', { failures, coolDownMs: 60_000 });
  return { breaker, limiter: createRedisRateLimiter(config, { redis, breaker, fallback, timeoutMs: 150, prefix: `test:rl:${process.pid}:${Date.now()}` }) };
};

describe('Redis rate limiter', () => {
  it('maps rate and burst onto a sliding window', () => {
    assert.deepEqual(windowFor({ ratePerSecond: 1000, burst: 2000 }), { tokens: 2000, seconds: 2 });
    assert.deepEqual(windowFor({ ratePerSecond: 5, burst: 1 }), { tokens: 5, seconds: 1 });
  });

  it('shares one window between instances: each admits at most the one request that finds it closed', async () => {
    const redis = new Redis({ ...upstash(), enableTelemetry: false });
    const prefix = `test:rl:shared:${process.pid}:${Date.now()}`;
    // Five per five-second window, all inside one window: a sliding window crossed mid-test would
    // rightly let more through (the previous window's weight shrinks). @upstash/ratelimit reads
    // Date.now itself, so the clock stands still mid-window for the test instead of the test
    // waiting for a window to begin.
    const shared = { ratePerSecond: 1, burst: 5 };
    const realNow = Date.now;
    const still = Math.floor(realNow() / 5000) * 5000 + 2500;
    Date.now = () => still;
    try {
      const make = () => createRedisRateLimiter(shared, { redis, breaker: createBreaker('redis', { failures: 3, coolDownMs: 1000 }), fallback: createMemoryRateLimiter(config), timeoutMs: 150, prefix, now: () => still });
      const [a, b] = [make(), make()];
      const decisions: RateDecision[] = [];
      for (let i = 0; i < 5; i++) {
        for (const limiter of [a, b]) {
          decisions.push(limiter.take('key-1') as RateDecision);
          await limiter.settled();
        }
      }
      // a took the window's fifth request and learned it was the last; b learned it from the sixth.
      assert.deepEqual(decisions.map((d) => d.allowed), [true, true, true, true, true, true, false, false, false, false]);
      assert.equal(decisions.at(-1)!.retryAfterSeconds, 3, 'refused until the window ends, 2.5 s on');
      assert.equal((a.take('key-2') as RateDecision).allowed, true, 'keys are limited apart');
      await a.settled();
    } finally {
      Date.now = realNow;
    }
  });

  it('counts the requests of one batch interval together: a burst past the window closes it', async () => {
    const redis = new Redis({ ...upstash(), enableTelemetry: false });
    const limiter = createRedisRateLimiter({ ratePerSecond: 1, burst: 5 }, { redis, breaker: createBreaker('redis', { failures: 3, coolDownMs: 1000 }), fallback: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }), timeoutMs: 150, prefix: `test:rl:burst:${process.pid}:${Date.now()}` });
    const burst = Array.from({ length: 20 }, () => (limiter.take('k') as RateDecision).allowed);
    assert.ok(burst.every(Boolean), 'the burst is answered locally, before Redis hears of it');
    await limiter.settled();
    assert.equal((limiter.take('k') as RateDecision).allowed, false, 'Redis counted all 20 against the window of 5');
  });

  it('answers at once, never waiting for Redis', async () => {
    const { limiter } = instance(new Redis({ ...upstash(), enableTelemetry: false }));
    const answer = limiter.take('k');
    assert.ok(!(answer instanceof Promise));
    await limiter.settled();
  });

  it('answers from the in-process bucket when Redis is unreachable, and stops calling it once the breaker opens', async () => {
    const port = await freePort();
    const redis = new Redis({ url: `http://127.0.0.1:${port}`, token: 't', retry: false, enableTelemetry: false, signal: () => AbortSignal.timeout(150) });
    const { breaker, limiter } = instance(redis, 2);
    for (let i = 0; i < 2; i++) {
      assert.equal((limiter.take('k') as RateDecision).allowed, true);
      await limiter.settled();
    }
    assert.equal(breaker.state(), 'open');
    const answer = limiter.take('k');
    assert.ok(!(answer instanceof Promise), 'no await while the breaker is open');
    assert.equal((answer as RateDecision).allowed, true);
  });
});
