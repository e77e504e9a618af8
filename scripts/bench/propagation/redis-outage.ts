// Latency of single-flag evaluate on one instance while Redis goes away: a baseline with Redis up,
// then redis-server stopped in the middle of a load run, then a run once the instance's Redis
// circuit breaker is open. Every answer must be 200, and the variant served must not change.

import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Instance } from './instances.ts';
import { evaluateFlag, onOff, putFlag, type Product } from './product.ts';
import { round } from './stats.ts';

export type Load = { readonly requests: number; readonly requestsPerSec: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number; readonly non200: number };

export type OutageResult = {
  readonly connections: number;
  readonly seconds: number;
  readonly baseline: Load;
  /** The run during which redis-server was stopped (the breaker opens within it). */
  readonly whileStopping: Load & { readonly redisStoppedAfterSeconds: number };
  /** The run started once the breaker was open. */
  readonly breakerOpen: Load & { readonly breakerStateBefore: string };
  /** breakerOpen p99 / baseline p99 (the bar: 1.5 at most). */
  readonly p99Ratio: number;
  readonly non200: number;
  readonly variantUnchanged: boolean;
};

async function load(url: string, sdkKey: string, connections: number, seconds: number): Promise<Load> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sdkKey}` },
    body: '{"context":{"targetingKey":"bench-user"}}',
  });
  return {
    requests: result.requests.total,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non200: result.non2xx + result.errors + result.timeouts,
  };
}

export async function measureRedisOutage(product: Product, instance: Instance, stopRedis: () => Promise<void>, options: { connections: number; seconds: number }): Promise<OutageResult> {
  const { connections, seconds } = options;
  const key = 'outage';
  await putFlag(product, onOff(key, 'on'), 0);
  const url = `${instance.url}/ofrep/v1/evaluate/flags/${key}`;
  const deadline = Date.now() + instance.maxStalenessMs * 2 + 10_000;
  while ((await evaluateFlag(instance.url, product.sdkKey, key)).variant !== 'on') {
    if (Date.now() > deadline) throw new Error('the outage instance never served the new flag');
    await sleep(20);
  }
  const before = await evaluateFlag(instance.url, product.sdkKey, key);

  const baseline = await load(url, product.sdkKey, connections, seconds);
  const stopAfter = Math.min(1, seconds / 3);
  const running = load(url, product.sdkKey, connections, seconds);
  await sleep(stopAfter * 1000);
  await stopRedis();
  const whileStopping = await running;

  // Failing calls open the breaker; ask the instance until it says so (load keeps coming meanwhile).
  let state = await instance.breaker();
  for (let tries = 0; state !== 'open' && tries < 50; tries++) {
    await evaluateFlag(instance.url, product.sdkKey, key);
    await sleep(100);
    state = await instance.breaker();
  }
  const breakerOpen = await load(url, product.sdkKey, connections, seconds);
  const after = await evaluateFlag(instance.url, product.sdkKey, key);

  return {
    connections,
    seconds,
    baseline,
    whileStopping: { ...whileStopping, redisStoppedAfterSeconds: stopAfter },
    breakerOpen: { ...breakerOpen, breakerStateBefore: state },
    p99Ratio: round(breakerOpen.p99Ms / baseline.p99Ms, 2),
    non200: baseline.non200 + whileStopping.non200 + breakerOpen.non200,
    variantUnchanged: before.status === 200 && after.status === 200 && before.variant === after.variant,
  };
}
