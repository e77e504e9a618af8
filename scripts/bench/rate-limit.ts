// What the Redis rate limiter costs per request against the in-process one (the answer is local;
// the count in Redis happens in the background), and how fast Redis keeps up with the counts. Needs UPSTASH_REDIS_REST_URL/TOKEN (the local
// proxy from `node scripts/services/start.ts`, or Upstash itself).
//   node scripts/bench/rate-limit.ts [requests]

import { Redis } from '@upstash/redis';
import { createBreaker } from '../../shared/cache/breaker.ts';
import { createMemoryRateLimiter } from '../../shared/http/rate-limit.ts';
import { createRedisRateLimiter } from '../../shared/cache/redis-rate-limit.ts';

const n = Number(process.argv[2] ?? 2000);
const url = process.env.UPSTASH_REDIS_REST_URL;
const token = process.env.UPSTASH_REDIS_REST_TOKEN;
if (!url || !token) throw new Error('set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN');

const config = { ratePerSecond: 1e6, burst: 1e6 };
const memory = createMemoryRateLimiter(config);
const redis = createRedisRateLimiter(config, {
  redis: new Redis({ url, token, retry: false, enableTelemetry: false, signal: () => AbortSignal.timeout(500) }),
  breaker: createBreaker('redis', { failures: 3, coolDownMs: 5000 }),
  fallback: memory,
  timeoutMs: 500,
  prefix: `bench:rl:${Date.now()}`,
});

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (v: number) => Math.round(v * 1000) / 1000;
  return { meanMs: ms(times.reduce((a, b) => a + b, 0) / times.length), p50Ms: ms(pct(sorted, 0.5)), p99Ms: ms(pct(sorted, 0.99)) };
};

// What a request waits for (the answer is local), then how long Redis takes to count them all.
const times = { memory: [] as number[], redis: [] as number[] };
for (let i = 0; i < n; i++) {
  let t = performance.now();
  memory.take(`k${i % 10}`);
  times.memory.push(performance.now() - t);
  t = performance.now();
  void redis.take(`k${i % 10}`); // counted below, by settled()
  times.redis.push(performance.now() - t);
}
const counting = performance.now();
await redis.settled();
const countedMs = performance.now() - counting;
console.log(JSON.stringify({
  takes: n,
  inProcessTake: summary(times.memory),
  redisTake: summary(times.redis),
  redisCountedAllInMs: Math.round(countedMs),
  redisCountsPerSecond: Math.round(n / ((countedMs + times.redis.reduce((a, b) => a + b, 0)) / 1000)),
}, null, 2));
