import assert from 'node:assert/strict';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { createLocalChangeFeed } from '../../../shared/cache/change-feed.ts';
import type { FlagStore, Snapshot } from '../../../shared/store/ports.ts';
import type { Flag } from '../../../shared/rules/index.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';

const flag = (key: string, defaultVariant = 'off'): Flag => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant });

/** A store that counts its reads, can be made to fail, and can hold its version reads until released. */
function countingStore(initial: Flag[]) {
  const state = { version: 1, flags: initial, versionReads: 0, snapshotReads: 0, failing: false, hold: undefined as Promise<void> | undefined, atLeast: [] as (number | undefined)[] };
  const store: FlagStore = {
    version: async (_environment, atLeast) => {
      state.versionReads++;
      state.atLeast.push(atLeast);
      if (state.hold) await state.hold;
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
  /** Makes version reads wait until the returned function is called. */
  const holdReads = () => {
    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    return () => {
      state.hold = undefined;
      release();
    };
  };
  return { store, state, holdReads };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('snapshot cache', () => {
  it('loads once for a thousand concurrent requests on a cold instance', async () => {
    const { store, state } = countingStore([flag('a')]);
    const cache = createSnapshotCache(store, { maxStalenessMs: 1000 });
    const snapshots = await Promise.all(Array.from({ length: 1000 }, () => cache.get('env')));
    assert.equal(state.snapshotReads, 1);
    assert.ok(snapshots.every((s) => s === snapshots[0]));
  });

  describe('the freshness bound', () => {
    it('answers from memory without asking the store while the snapshot was confirmed within the bound', async () => {
      let now = 0;
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, refreshAfterMs: 1000, now: () => now });
      await cache.get('env');
      now = 1000;
      assert.ok(cache.peek('env'));
      await cache.get('env');
      assert.equal(state.versionReads, 1);
    });

    it('confirms the version before answering from a snapshot confirmed longer ago than the bound, and answers the new version', async () => {
      let now = 0;
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, now: () => now });
      await cache.get('env');
      state.version = 2;
      state.flags = [flag('a', 'on')];
      now = 1001;
      assert.equal(cache.peek('env'), undefined, 'past the bound nothing answers without the store');
      const answered = await cache.get('env');
      assert.equal(answered?.version, 2);
      assert.equal(answered?.flags.get('a')?.doc.defaultVariant, 'on');
    });

    it('dates a confirmation from when its version read began, not when it ended', async () => {
      let now = 0;
      const { store, holdReads } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, confirmDeadlineMs: 10_000, now: () => now });
      await cache.get('env');
      now = 1500;
      const release = holdReads();
      const pending = cache.get('env');
      now = 1700;
      release();
      assert.equal((await pending)?.confirmedAt, 1500);
    });

    it('starts a confirmation in the background past refreshAfterMs, without making the answer wait', async () => {
      let now = 0;
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, refreshAfterMs: 250, now: () => now });
      const first = await cache.get('env');
      state.version = 2;
      now = 300;
      assert.equal(await cache.get('env'), first, 'within the bound: answered at once');
      await settle();
      assert.equal((await cache.get('env'))?.version, 2, 'the background confirmation loaded the change');
    });

    it('answers from the held snapshot once the confirmation misses its deadline, and the late result serves the next answer', async () => {
      let now = 0;
      const { store, state, holdReads } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, confirmDeadlineMs: 15, now: () => now });
      const held = await cache.get('env');
      state.version = 2;
      now = 2000;
      const release = holdReads();
      assert.equal(await cache.get('env'), held, 'the deadline passed: what is held answers');
      release();
      await settle();
      assert.equal((await cache.get('env'))?.version, 2);
    });

    it('never waits for a failing store, and asks it again at most once per bound', async () => {
      let now = 0;
      const errors: unknown[] = [];
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, now: () => now, onError: (e) => errors.push(e) });
      const held = await cache.get('env');
      state.failing = true;
      now = 2000;
      assert.equal(await cache.get('env'), held);
      assert.equal(errors.length, 1);
      const reads = state.versionReads;
      for (let i = 0; i < 10; i++) assert.equal(await cache.get('env'), held);
      assert.equal(state.versionReads, reads, 'no read within a bound of the failure');
      now = 3001;
      await cache.get('env');
      await settle();
      assert.equal(state.versionReads, reads + 1);
    });
  });

  describe('notices and wanted versions', () => {
    it('loads a version the change feed announces before the next answer, even within the bound', async () => {
      const now = 0;
      const feed = createLocalChangeFeed();
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 60_000, now: () => now, changes: feed });
      await cache.get('env');
      state.version = 2;
      await feed.publish({ environment: 'env', version: 2, at: 0 });
      assert.equal(cache.peek('env'), undefined, 'a newer version is known: the held one may not answer');
      assert.equal((await cache.get('env'))?.version, 2);
      cache.close();
    });

    it('loads at least the version a client names, asking the store itself past the tier', async () => {
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 60_000 });
      await cache.get('env');
      state.version = 5;
      assert.equal((await cache.get('env', 5))?.version, 5);
      assert.equal(state.atLeast.at(-1), 5);
    });

    it('answers what the store has when a client names a version that does not exist', async () => {
      const { store } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 60_000 });
      await cache.get('env');
      assert.equal((await cache.get('env', 99))?.version, 1);
      assert.ok(cache.peek('env'), 'the bogus version is forgotten');
    });

    it('tells when a confirmation finds a version no notice announced (the feed may have gone deaf)', async () => {
      let now = 0;
      const unannounced: string[] = [];
      const { store, state } = countingStore([flag('a')]);
      const cache = createSnapshotCache(store, { maxStalenessMs: 1000, now: () => now, changes: createLocalChangeFeed(), onUnannounced: (env) => unannounced.push(env) });
      await cache.get('env');
      state.version = 2;
      now = 5000;
      await cache.get('env');
      assert.deepEqual(unannounced, ['env']);
    });
  });

  it('recompiles only the flags whose documents changed', async () => {
    let now = 0;
    const { store, state } = countingStore([flag('a'), flag('b')]);
    const cache = createSnapshotCache(store, { maxStalenessMs: 10, now: () => now });
    const first = (await cache.get('env'))!;
    state.version = 2;
    state.flags = [flag('a'), flag('b', 'on')];
    now = 20;
    const second = (await cache.get('env'))!;
    assert.equal(second.flags.get('a'), first.flags.get('a'));
    assert.notEqual(second.flags.get('b'), first.flags.get('b'));
  });

  it('reports a flag that does not compile instead of serving it', async () => {
    const broken = { ...flag('broken'), defaultVariant: 'missing' };
    const { store } = countingStore([flag('a'), broken]);
    const snapshot = (await createSnapshotCache(store, { maxStalenessMs: 10 }).get('env'))!;
    assert.deepEqual(snapshot.keys, ['a', 'broken']);
    assert.equal(snapshot.flags.has('broken'), false);
    assert.match(snapshot.invalid.get('broken') ?? '', /defaultVariant/);
  });

  it('answers undefined for an environment the store does not have', async () => {
    const store: FlagStore = { version: async () => undefined, snapshot: async () => undefined, attributes: async () => [] };
    assert.equal(await createSnapshotCache(store, { maxStalenessMs: 10 }).get('nowhere'), undefined);
  });

  it('counts lookups, confirmations by outcome, and each environment\'s snapshot age at every drain', async () => {
    let now = 10_000;
    const { store, state, holdReads } = countingStore([flag('a')]);
    const metrics = createMetricsRecorder();
    const cache = createSnapshotCache(store, { maxStalenessMs: 1000, confirmDeadlineMs: 10, now: () => now, metrics });
    await cache.get('env'); // cold: a miss
    cache.peek('env'); // confirmed: a hit
    now += 2000;
    await cache.get('env'); // confirmed in time: fresh
    now += 2000;
    const release = holdReads();
    await cache.get('env'); // the deadline passes: deadline
    release();
    await settle();
    state.failing = true;
    now += 2000;
    await cache.get('env'); // the check fails: answered unconfirmed
    await settle();
    await cache.get('env'); // failing: answered at once, stale
    now += 1000;
    const drained = metrics.drain();
    const count = (m: string, label: string) => Object.fromEntries(drained.counters.filter((c) => c.m === m).map((c) => [c.l[label as keyof typeof c.l], c.v]));
    assert.deepEqual(count('cache_lookups', 'result'), { miss: 1, hit: 5 });
    assert.deepEqual(count('snapshot_confirmations', 'outcome'), { fresh: 1, deadline: 1, stale: 2 });
    const age = drained.gauges.find((g) => g.m === 'snapshot_age');
    assert.equal(age?.v, 3, 'unconfirmed since the last confirmation that succeeded');
  });
});
