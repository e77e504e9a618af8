// What the Redis rate limiter costs per request against the in-process one: sequential and
// concurrent takes through @upstash/ratelimit. Needs UPSTASH_REDIS_REST_URL/TOKEN (the local
// proxy from `node scripts/services/start.ts`, or Upstash itself).
//   node scripts/bench/rate-limit.ts [requests]

import { Redis } from '@upstash/redis';
import { createBreaker } from '../../shared/cache/breaker.ts';
import { createMemoryRateLimiter } from '../../shared/http/rate-limit.ts';
import { createRedisRateLimiter } from '../../shared/http/redis-rate-limit.ts';

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
const line = (name: string, times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${name.padEnd(28)} mean ${mean.toFixed(3)} ms  p50 ${pct(sorted, 0.5).toFixed(3)}  p99 ${pct(sorted, 0.99).toFixed(3)}`);
};

const times = { memory: [] as number[], redis: [] as number[] };
for (let i = 0; i < n; i++) {
  let t = performance.now();
  memory.take(`k${i % 10}`);
  times.memory.push(performance.now() - t);
  t = performance.now();
  await redis.take(`k${i % 10}`);
  times.redis.push(performance.now() - t);
}
line('in-process (sync)', times.memory);
line('redis, sequential', times.redis);
const started = performance.now();
await Promise.all(Array.from({ length: n }, (_, i) => redis.take(`k${i % 10}`)));
console.log(`${'redis, all concurrent'.padEnd(28)} ${n} takes in ${(performance.now() - started).toFixed(0)} ms (auto-pipelined)`);
