// The RollupStore contract, run against the in-memory store (unit) and Firestore (integration):
// ledger, rollups, experiment totals, outbox and watermark, committed all at once or not at all.

import assert from 'node:assert/strict';
import type { CommitPlan, RollupStore } from '../../../shared/aggregate/rollup-store.ts';
import type { TimeSeries } from '../../../shared/aggregate/time-series.ts';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;
const empty: CommitPlan = { flagMinutes: [], experiments: [], requests: [], watermark: undefined };
const minute = (flag: string, at: number, on: number) => ({ environment: 'prod', flag, minute: at, evaluations: on + 1, errors: 1, variants: { on }, reasons: { SPLIT: on, ERROR: 1 }, rules: { half: on } });
const series = (flag: string): TimeSeries => ({
  metric: { type: 'custom.googleapis.com/switchyard/evaluations', labels: { environment: 'prod', flag, variant: 'on', reason: 'SPLIT' } },
  resource: { type: 'global', labels: { project_id: 'demo' } }, metricKind: 'CUMULATIVE', valueType: 'INT64', unit: '1',
  points: [{ interval: { startTime: { seconds: T0 / 1000, nanos: 0 }, endTime: { seconds: T0 / 1000 + 59, nanos: 0 } }, value: { int64Value: 1 } }],
});

export function describeRollupStore(name: string, makeStore: () => Promise<RollupStore>): void {
  describe(`rollup store contract: ${name}`, () => {
    let store: RollupStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('applies message ids once: a second commit of the same ids sees them as applied', async () => {
      const first = await store.commit({ messageIds: ['m1', 'm2'], experiments: [] }, (state) => ({ ...empty, fresh: [...state.fresh].sort() }));
      assert.deepEqual(first.plan.fresh, ['m1', 'm2']);
      const second = await store.commit({ messageIds: ['m2', 'm3'], experiments: [] }, (state) => ({ ...empty, fresh: [...state.fresh] }));
      assert.deepEqual(second.plan.fresh, ['m3']);
    });

    it('adds flag minutes across commits and reads a flag\'s minutes in a range, oldest first', async () => {
      await store.commit({ messageIds: ['a'], experiments: [] }, () => ({ ...empty, flagMinutes: [minute('checkout', T0 + MINUTE, 3), minute('checkout', T0, 2), minute('other', T0, 9)] }));
      await store.commit({ messageIds: ['b'], experiments: [] }, () => ({ ...empty, flagMinutes: [minute('checkout', T0, 5)] }));
      const read = await store.flagMinutes('prod', 'checkout', T0, T0 + 2 * MINUTE);
      assert.deepEqual(read.map((m) => [m.minute, m.evaluations, m.errors, m.variants, m.reasons, m.rules]), [
        [T0, 9, 2, { on: 7 }, { SPLIT: 7, ERROR: 2 }, { half: 7 }],
        [T0 + MINUTE, 4, 1, { on: 3 }, { SPLIT: 3, ERROR: 1 }, { half: 3 }],
      ]);
      assert.equal((await store.flagMinutes('prod', 'checkout', T0 + MINUTE, T0 + 2 * MINUTE)).length, 1);
      assert.equal((await store.flagMinutes('staging', 'checkout', T0, T0 + 2 * MINUTE)).length, 0);
    });

    it('adds a release\'s figures (split exposures, tracked events and their values) across commits', async () => {
      const release = (treatment: number, errors: number, latency: number) => ({
        ...minute('checkout', T0, treatment), splits: { treatment, 'control.v2': 10 }, events: { error: { treatment: errors } }, values: { latency: { treatment: { count: 2, sum: latency, sumSq: latency * latency } } },
      });
      await store.commit({ messageIds: ['a'], experiments: [] }, () => ({ ...empty, flagMinutes: [release(3, 1, 10)] }));
      await store.commit({ messageIds: ['b'], experiments: [] }, () => ({ ...empty, flagMinutes: [release(4, 2, 20)] }));
      const [read] = await store.flagMinutes('prod', 'checkout', T0, T0 + MINUTE);
      assert.deepEqual([read?.splits, read?.events, read?.values], [{ treatment: 7, 'control.v2': 20 }, { error: { treatment: 3 } }, { latency: { treatment: { count: 4, sum: 30, sumSq: 500 } } }]);
    });

    it('reads every flag\'s minutes of an environment in a range, oldest first', async () => {
      await store.commit({ messageIds: ['a'], experiments: [] }, () => ({ ...empty, flagMinutes: [minute('checkout', T0 + MINUTE, 3), minute('search', T0, 2), { ...minute('other-env', T0, 9), environment: 'staging' }, minute('checkout', T0 + 2 * MINUTE, 1)] }));
      const read = await store.environmentMinutes('prod', T0, T0 + 2 * MINUTE);
      assert.deepEqual(read.map((m) => [m.flag, m.minute, m.evaluations]), [['search', T0, 3], ['checkout', T0 + MINUTE, 4]]);
    });

    it('finds the latest minute a flag was evaluated in before a time, and none for a flag never evaluated', async () => {
      await store.commit({ messageIds: ['a'], experiments: [] }, () => ({ ...empty, flagMinutes: [minute('checkout', T0, 1), minute('checkout', T0 + 5 * MINUTE, 1), minute('other', T0 + 9 * MINUTE, 1)] }));
      assert.equal(await store.lastFlagMinute('prod', 'checkout', T0 + 60 * MINUTE), T0 + 5 * MINUTE);
      assert.equal(await store.lastFlagMinute('prod', 'checkout', T0 + 5 * MINUTE), T0, 'the minute at `before` is not before it');
      assert.equal(await store.lastFlagMinute('prod', 'never', T0 + 60 * MINUTE), undefined);
      assert.equal(await store.lastFlagMinute('staging', 'checkout', T0 + 60 * MINUTE), undefined);
    });

    it('hands a commit the totals of the experiments it names and stores the new ones', async () => {
      const ref = { environment: 'prod', experiment: 'exp-1' };
      await store.commit({ messageIds: ['a'], experiments: [ref] }, (state) => {
        assert.equal(state.totals.size, 0);
        return { ...empty, experiments: [{ ...ref, exposures: { on: 10, off: 8 } }] };
      });
      await store.commit({ messageIds: ['b'], experiments: [ref] }, (state) => {
        assert.deepEqual([...state.totals.values()].map((t) => t.exposures), [{ on: 10, off: 8 }]);
        return empty;
      });
      assert.deepEqual((await store.experiment(ref))?.exposures, { on: 10, off: 8 });
      assert.equal(await store.experiment({ environment: 'prod', experiment: 'none' }), undefined);
    });

    it('keeps outbox requests in commit order until written, counting failed attempts', async () => {
      const first = await store.commit({ messageIds: ['a'], experiments: [] }, () => ({ ...empty, requests: [[series('a')], [series('b')]] }));
      const second = await store.commit({ messageIds: ['b'], experiments: [] }, () => ({ ...empty, requests: [[series('c')]] }));
      const pending = await store.pending();
      assert.deepEqual(pending.map((p) => p.id), [...first.outbox, ...second.outbox]);
      assert.deepEqual(pending.map((p) => p.series[0]!.metric.labels.flag), ['a', 'b', 'c']);
      assert.deepEqual(pending[0]!.series, [series('a')]);
      await store.failed(first.outbox[0]!);
      await store.written(first.outbox[1]!);
      const after = await store.pending();
      assert.deepEqual(after.map((p) => [p.series[0]!.metric.labels.flag, p.attempts]), [['a', 1], ['c', 0]]);
    });

    it('carries the watermark to the next commit', async () => {
      await store.commit({ messageIds: ['a'], experiments: [] }, (state) => {
        assert.equal(state.watermark, undefined);
        return { ...empty, watermark: T0 };
      });
      await store.commit({ messageIds: ['b'], experiments: [] }, (state) => {
        assert.equal(state.watermark, T0);
        return empty;
      });
    });

    it('writes nothing when the plan throws: the ids stay unapplied', async () => {
      await assert.rejects(store.commit({ messageIds: ['x'], experiments: [] }, () => {
        throw new Error('crash while planning');
      }));
      const again = await store.commit({ messageIds: ['x'], experiments: [] }, (state) => ({ ...empty, fresh: [...state.fresh] }));
      assert.deepEqual(again.plan.fresh, ['x']);
      assert.deepEqual(await store.pending(), []);
    });
  });
}
