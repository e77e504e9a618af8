import assert from 'node:assert/strict';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import type { FlagStore, Snapshot } from '../../../shared/store/ports.ts';
import type { Flag } from '../../../shared/rules/index.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';

const flag = (key: string, defaultVariant = 'off'): Flag => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant });

/** A store that counts its reads and can be made to fail. */
function countingStore(initial: Flag[]) {
  const state = { version: 1, flags: initial, versionReads: 0, snapshotReads: 0, failing: false };
  const store: FlagStore = {
    version: async () => {
      state.versionReads++;
      if (state.failing) throw new Error('store down');
      return state.version;
    },
    snapshot: async (environment): Promise<Snapshot> => {
      state.snapshotReads++;
      await new Promise((r) => setTimeout(r, 5));
      return { environment, version: state.version, flags: state.flags, segments: [], corrupt: [] };
    },
    attributes: async () => [],
  };
  return { store, state };
}

describe('snapshot cache', () => {
  it('loads once for a thousand concurrent requests on a cold instance', async () => {
    const { store, state } = countingStore([flag('a')]);
    const cache = createSnapshotCache(store, { checkEveryMs: 1000 });
    const snapshots = await Promise.all(Array.from({ length: 1000 }, () => cache.get('env')));
    assert.equal(state.snapshotReads, 1);
    assert.ok(snapshots.every((s) => s === snapshots[0]));
  });

  it('does not ask the store again within the check interval', async () => {
    let now = 0;
    const { store, state } = countingStore([flag('a')]);
    const cache = createSnapshotCache(store, { checkEveryMs: 5000, now: () => now });
    await cache.get('env');
    now = 4999;
    await cache.get('env');
    assert.equal(state.versionReads, 1);
    assert.ok(cache.peek('env'));
    now = 5000;
    assert.equal(cache.peek('env'), undefined);
  });

  it('serves the held snapshot while it checks the version in the background', async () => {
    let now = 0;
    const { store, state } = countingStore([flag('a')]);
    const cache = createSnapshotCache(store, { checkEveryMs: 10, now: () => now });
    const first = await cache.get('env');
    state.version = 2;
    state.flags = [flag('a', 'on')];
    now = 20;
    assert.equal(await cache.get('env'), first);
    await new Promise((r) => setTimeout(r, 20));
    const second = await cache.get('env');
    assert.equal(second?.version, 2);
  });

  it('recompiles only the flags whose documents changed', async () => {
    let now = 0;
    const { store, state } = countingStore([flag('a'), flag('b')]);
    const cache = createSnapshotCache(store, { checkEveryMs: 10, now: () => now });
    const first = (await cache.get('env'))!;
    state.version = 2;
    state.flags = [flag('a'), flag('b', 'on')];
    now = 20;
    await cache.get('env');
    await new Promise((r) => setTimeout(r, 20));
    const second = (await cache.get('env'))!;
    assert.equal(second.flags.get('a'), first.flags.get('a'));
    assert.notEqual(second.flags.get('b'), first.flags.get('b'));
  });

  it('keeps serving the last known good snapshot when the store fails', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const { store, state } = countingStore([flag('a')]);
    const cache = createSnapshotCache(store, { checkEveryMs: 10, now: () => now, onError: (e) => errors.push(e) });
    const held = await cache.get('env');
    state.failing = true;
    now = 20;
    assert.equal(await cache.get('env'), held);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(await cache.get('env'), held);
    assert.ok(errors.length >= 1);
  });

  it('reports a flag that does not compile instead of serving it', async () => {
    const broken = { ...flag('broken'), defaultVariant: 'missing' };
    const { store } = countingStore([flag('a'), broken]);
    const snapshot = (await createSnapshotCache(store, { checkEveryMs: 10 }).get('env'))!;
    assert.deepEqual(snapshot.keys, ['a', 'broken']);
    assert.equal(snapshot.flags.has('broken'), false);
    assert.match(snapshot.invalid.get('broken') ?? '', /defaultVariant/);
  });

  it('answers undefined for an environment the store does not have', async () => {
    const store: FlagStore = { version: async () => undefined, snapshot: async () => undefined, attributes: async () => [] };
    assert.equal(await createSnapshotCache(store, { checkEveryMs: 10 }).get('nowhere'), undefined);
  });

  it('counts lookups as hits and misses, and reports each environment\'s snapshot age at every drain', async () => {
    let now = 10_000;
    const { store, state } = countingStore([flag('a')]);
    const metrics = createMetricsRecorder();
    const cache = createSnapshotCache(store, { checkEveryMs: 5000, now: () => now, metrics });
    await cache.get('env'); // cold: a miss
    cache.peek('env'); // held and confirmed: a hit
    now += 6000;
    assert.equal(cache.peek('env'), undefined, 'past the check interval peek has nothing');
    state.failing = true;
    await cache.get('env'); // held, served while checked: a hit
    await new Promise((r) => setTimeout(r, 10));
    now += 4000;
    const drained = metrics.drain();
    const lookups = Object.fromEntries(drained.counters.filter((c) => c.m === 'cache_lookups').map((c) => [`${c.l.cache}/${c.l.result}`, c.v]));
    assert.deepEqual(lookups, { 'snapshot/miss': 1, 'snapshot/hit': 2 });
    assert.deepEqual(drained.gauges, [{ m: 'snapshot_age', l: { environment: 'env' }, v: 10 }], 'unconfirmed for 10 s: the failed check confirmed nothing');
  });
});
