// Evaluation from a snapshot nobody can confirm: the answers keep their value and variant, and
// carry reason STALE once the snapshot is older than the staleness limit.

import assert from 'node:assert/strict';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { createTieredFlagStore } from '../../../shared/cache/tiered-store.ts';
import { createBreaker } from '../../../shared/cache/breaker.ts';
import { createMemorySnapshotTier, type SnapshotTier } from '../../../shared/cache/snapshot-tier.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import type { FlagStore, Snapshot } from '../../../shared/store/ports.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { serveFunction } from '../../helpers/function-server.ts';
import { TEST_FLAGS, SDK_KEY } from '../evaluate/fixture.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

/** A flag store that can be switched off, counting its reads; `settled()` waits for the reads under way. */
function switchable(inner: FlagStore) {
  const pending = new Set<Promise<unknown>>();
  const state = {
    down: false,
    reads: 0,
    /** Resolves once every read begun so far has settled and what awaited it has run. */
    settled: async () => {
      await Promise.allSettled([...pending]);
      await new Promise(setImmediate); // one turn of the event loop: every continuation of those reads has run
    },
  };
  const guard = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => (...a: A): Promise<R> => {
    state.reads++;
    const read = state.down ? Promise.reject(new Error('store unreachable')) : f(...a);
    pending.add(read);
    void read.catch(() => undefined).finally(() => pending.delete(read));
    return read;
  };
  return { state, store: { version: guard(inner.version), snapshot: guard(inner.snapshot), attributes: guard(inner.attributes) } satisfies FlagStore };
}

/** A snapshot tier that counts its publishes and tells when one has landed. */
function watchedTier(inner: SnapshotTier) {
  const landed: Snapshot[] = [];
  let calls = 0;
  let onLanded: (() => void) | undefined;
  const tier: SnapshotTier = {
    ...inner,
    publish: async (snapshot) => {
      calls++;
      await inner.publish(snapshot);
      landed.push(snapshot);
      onLanded?.();
    },
  };
  const nextPublish = () => new Promise<void>((resolve) => (onLanded = resolve));
  return { tier, landed, calls: () => calls, nextPublish };
}

describe('stale snapshots', () => {
  it('answers with reason STALE past the limit while the store is down, keeping value and variant', async () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const memory = createMemoryStore({ environments: { test: { flags: TEST_FLAGS } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'test', secret: SDK_KEY }] });
    const { store, state } = switchable(memory.flags);
    const handler = createEvaluateFunction({
      keys: keyLookup(memory.keys),
      limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }),
      snapshots: createSnapshotCache(store, { maxStalenessMs: 60_000, now: () => now }),
      now: () => now,
      telemetry: testTelemetry('{n}'),
    });
    const running = await serveFunction('evaluate', handler);
    const ask = async (path: string) => {
      const response = await fetch(running.url + path, { method: 'POST', headers: { authorization: `Bearer ${SDK_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ context: { targetingKey: 'u', plan: 'pro' } }) });
      return { status: response.status, body: (await response.json()) as { value?: unknown; variant?: string; reason?: string; flags?: { key: string; reason: string }[] } };
    };
    try {
      const fresh = await ask('/ofrep/v1/evaluate/flags/bool-flag');
      assert.deepEqual([fresh.status, fresh.body.value, fresh.body.reason], [200, true, 'TARGETING_MATCH']);
      state.down = true;
      now += 30_000;
      assert.equal((await ask('/ofrep/v1/evaluate/flags/bool-flag')).body.reason, 'TARGETING_MATCH', 'within the limit');
      const readsThen = state.reads;
      for (let i = 0; i < 20; i++) await ask('/ofrep/v1/evaluate/flags/bool-flag');
      assert.ok(state.reads - readsThen <= 1, 'a failing store is asked at most once per bound, and nobody waits for it');
      now += 31_000;
      const stale = await ask('/ofrep/v1/evaluate/flags/bool-flag');
      assert.deepEqual([stale.status, stale.body.value, stale.body.variant, stale.body.reason], [200, true, 'on', 'STALE']);
      const bulk = await ask('/ofrep/v1/evaluate/flags');
      assert.ok(bulk.body.flags!.every((f) => f.reason === 'STALE'));
      state.down = false;
      now += 30_000;
      await ask('/ofrep/v1/evaluate/flags/bool-flag'); // a bound after the failure: starts one check in the background
      await state.settled();
      assert.equal((await ask('/ofrep/v1/evaluate/flags/bool-flag')).body.reason, 'TARGETING_MATCH', 'confirmed again');
    } finally {
      await running.close();
    }
  });
});

describe('tiered flag store', () => {
  const memory = () => createMemoryStore({ environments: { test: { flags: TEST_FLAGS } }, keys: [] });

  it('loads a cold instance from the tier without reading the store', async () => {
    const tier = createMemorySnapshotTier();
    const source = memory();
    await tier.publish((await source.flags.snapshot('test'))!);
    const { store, state } = switchable(source.flags);
    state.down = true;
    const tiered = createTieredFlagStore(store, { tier, breaker: createBreaker('tier', { failures: 3, coolDownMs: 1000 }) });
    const cache = createSnapshotCache(tiered, { maxStalenessMs: 1000 });
    const snapshot = await cache.get('test');
    assert.equal(snapshot?.flags.size, TEST_FLAGS.length);
    assert.equal(state.reads, 0);
  });

  it('skips a failing tier for the store, and publishes nothing while the breaker is open', async () => {
    const source = memory();
    const { store, state } = switchable(source.flags);
    const watched = watchedTier(createMemorySnapshotTier());
    const broken = { ...watched.tier, version: () => Promise.reject(new Error('timeout')) };
    const tiered = createTieredFlagStore(store, { tier: broken, breaker: createBreaker('tier', { failures: 1, coolDownMs: 60_000 }) });
    assert.equal(await tiered.version('test'), await source.flags.version('test'));
    const snapshot = await tiered.snapshot('test');
    assert.ok(snapshot);
    assert.ok(state.reads >= 2, 'the store answered');
    // A publish is attempted, or refused by the breaker, before snapshot() returns: nothing to wait for.
    assert.equal(watched.calls(), 0, 'the breaker is open: nothing is published while it is');
    assert.equal(await watched.tier.version('test'), undefined);
  });

  it('republishes what it read from the store when the tier has nothing', async () => {
    const source = memory();
    const watched = watchedTier(createMemorySnapshotTier());
    const tiered = createTieredFlagStore(source.flags, { tier: watched.tier, breaker: createBreaker('tier', { failures: 3, coolDownMs: 1000 }) });
    const version = await tiered.version('test');
    const published = watched.nextPublish();
    await tiered.snapshot('test');
    await published;
    assert.deepEqual(watched.landed.map((s) => s.version), [version]);
    assert.equal(await watched.tier.version('test'), version);
  });
});
