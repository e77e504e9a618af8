// Behavioural counters: /v1/track records events per targeting key in Redis daily buckets, and
// evaluations of flags that read `behavior.<event>.count_<N>d` fetch them; other flags never do.

import assert from 'node:assert/strict';
import { Redis } from '@upstash/redis';
import { cachedCounts, createMemoryBehaviorCounters, createRedisBehaviorCounters, type BehaviorCounters } from '../../../shared/cache/behavior-counters.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import type { FlagInput } from '../../../shared/rules/index.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { serveFunction } from '../../helpers/function-server.ts';
import { upstash } from '../../helpers/services.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const SDK = 'sdk-key-behaviour-0001';
const onOff = { variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;
const FLAGS: FlagInput[] = [
  { key: 'loyal', enabled: true, ...onOff, rules: [{ id: 'buyers', when: { attr: 'behavior.purchase.count_7d', op: 'gte', value: 3 }, serve: { variant: 'on' } }] },
  { key: 'plain', enabled: true, ...onOff, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] },
];

const redisCounters = () => createRedisBehaviorCounters(new Redis({ ...upstash(), enableTelemetry: false }), { prefix: `test:bh:${process.pid}:${Date.now()}` });

for (const [name, make] of [['memory', createMemoryBehaviorCounters], ['redis', redisCounters]] as const) {
  describe(`behaviour counters: ${name}`, () => {
    it('sums the daily buckets inside each window and nothing older', async () => {
      const counters = make();
      await counters.record('prod', 'u1', 'purchase', 1, NOW);
      await counters.record('prod', 'u1', 'purchase', 2, NOW - 3 * DAY);
      await counters.record('prod', 'u1', 'purchase', 5, NOW - 10 * DAY);
      await counters.record('prod', 'u1', 'login', 4, NOW);
      await counters.record('prod', 'u2', 'purchase', 9, NOW);
      await counters.record('staging', 'u1', 'purchase', 9, NOW);
      const counts = await counters.counts('prod', 'u1', [{ event: 'purchase', days: 1 }, { event: 'purchase', days: 7 }, { event: 'purchase', days: 30 }, { event: 'login', days: 7 }, { event: 'signup', days: 7 }], NOW);
      assert.deepEqual(counts, { purchase: { count_1d: 1, count_7d: 3, count_30d: 8 }, login: { count_7d: 4 }, signup: { count_7d: 0 } });
    });
  });
}

describe('cached counts', () => {
  it('asks once per user within the TTL and again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const counters: BehaviorCounters = { record: async () => {}, counts: async () => (calls++, fail ? Promise.reject(new Error('down')) : { e: { count_1d: 1 } }) };
    const counts = cachedCounts(counters, { ttlMs: 60_000 });
    await assert.rejects(counts('p', 'u', [{ event: 'e', days: 1 }], NOW));
    fail = false;
    await Promise.all([counts('p', 'u', [{ event: 'e', days: 1 }], NOW), counts('p', 'u', [{ event: 'e', days: 1 }], NOW)]);
    assert.equal(calls, 2);
  });
});

describe('POST /v1/track and behavioural rules', () => {
  it('records events and serves the rule once the count is reached; flags without behaviour never read the counters', async () => {
    const counters = redisCounters();
    let reads = 0;
    const store = createMemoryStore({ environments: { prod: { flags: FLAGS } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'prod', secret: SDK }] });
    const running = await serveFunction('evaluate', createEvaluateFunction({
      keys: keyLookup(store.keys),
      limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }),
      snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 1000 }),
      now: () => NOW,
      behavior: { record: counters.record, counts: (...a) => (reads++, counters.counts(...a)) },
      telemetry: testTelemetry('{n}'),
    }));
    const post = (path: string, body: unknown) => fetch(running.url + path, { method: 'POST', headers: { authorization: `Bearer ${SDK}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const loyal = async () => ((await (await post('/ofrep/v1/evaluate/flags/loyal', { context: { targetingKey: 'u1', behavior: { purchase: { count_7d: 99 } } } })).json()) as { value: boolean }).value;
    try {
      assert.equal(await loyal(), false, 'counts the client sends are replaced by the server\'s');
      const tracked = await post('/v1/track', { targetingKey: 'u1', event: 'purchase', count: 2 });
      assert.equal(tracked.status, 202);
      assert.equal((await post('/v1/track', { targetingKey: 'u1', event: 'purchase' })).status, 202);
      assert.equal(await loyal(), true);
      const bulk = (await (await post('/ofrep/v1/evaluate/flags', { context: { targetingKey: 'u1' } })).json()) as { flags: { key: string; value: boolean }[] };
      assert.equal(bulk.flags.find((f) => f.key === 'loyal')?.value, true);
      // A batch fetches each user's counters: u1 (3 purchases) gets the rule, u2 (none) does not.
      const batch = (await (await post('/v1/evaluate/batch', { contexts: [{ targetingKey: 'u1' }, { targetingKey: 'u2' }, { targetingKey: 'u1', behavior: { purchase: { count_7d: 99 } } }], flags: ['loyal'] })).json()) as { results: { flags: { loyal: { value: boolean } } }[] };
      assert.deepEqual(batch.results.map((r) => r.flags.loyal.value), [true, false, true]);
      const readsBefore = reads;
      const plainBatch = await post('/v1/evaluate/batch', { contexts: [{ targetingKey: 'u1', plan: 'pro' }, { targetingKey: 'u2' }], flags: ['plain'] });
      assert.equal(plainBatch.status, 200);
      await plainBatch.body?.cancel();
      for (let i = 0; i < 5; i++) assert.equal((await post('/ofrep/v1/evaluate/flags/plain', { context: { targetingKey: 'u1', plan: 'pro' } })).status, 200);
      assert.equal(reads, readsBefore, 'a flag that reads no behaviour never touches the counters');
      assert.equal((await post('/v1/track', { targetingKey: 'u1', event: 'bad event!' })).status, 400);
      assert.equal((await post('/v1/track', { event: 'purchase' })).status, 400);
    } finally {
      await running.close();
    }
  });

  it('answers 503 to a track call the counters cannot take, and evaluates with the counts missing', async () => {
    const store = createMemoryStore({ environments: { prod: { flags: FLAGS } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'prod', secret: SDK }] });
    const down = () => Promise.reject(new Error('redis down'));
    const running = await serveFunction('evaluate', createEvaluateFunction({
      keys: keyLookup(store.keys),
      limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }),
      snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 1000 }),
      now: () => NOW,
      behavior: { record: down, counts: down },
      telemetry: testTelemetry('{n}'),
    }));
    const post = (path: string, body: unknown) => fetch(running.url + path, { method: 'POST', headers: { authorization: `Bearer ${SDK}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      assert.equal((await post('/v1/track', { targetingKey: 'u1', event: 'purchase' })).status, 503);
      const answer = (await (await post('/ofrep/v1/evaluate/flags/loyal', { context: { targetingKey: 'u1' } })).json()) as { value: boolean; reason: string };
      assert.deepEqual([answer.value, answer.reason], [false, 'DEFAULT']);
    } finally {
      await running.close();
    }
  });
});
