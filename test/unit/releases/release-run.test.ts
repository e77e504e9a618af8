// The minute run's release step on the embedded stores: what it refuses to write (a step or a
// scheduled change that would fail the flag's golden tests, a change that would make it invalid)
// and how it keeps to one write per flag per run.

import assert from 'node:assert/strict';
import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import { createMemoryReleaseStore } from '../../../shared/releases/memory-release-store.ts';
import { runReleases, type ReleaseRunDeps } from '../../../shared/releases/release-run.ts';
import type { ScheduleRecord } from '../../../shared/schedules/schedule-schema.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { aPlan, MINUTE, NOW, rampFlag } from './plan-fixtures.ts';

const ENV = 'production';

async function setUp(flag: object) {
  let now = NOW;
  const stores = createMemoryStore({ environments: { [ENV]: { flags: [flag as never] } }, keys: [] }, { now: () => now });
  const releases = createMemoryReleaseStore({ flags: stores.documents.flags, environmentExists: async (e) => (await stores.flags.version(e)) !== undefined });
  const rollups = createMemoryRollupStore();
  const deps: ReleaseRunDeps = { releases, flags: stores.flags, figures: rollups.environmentMinutes, metrics: createMetricsRecorder(), log: { info: () => undefined, warn: () => undefined, error: () => undefined }, now: () => now, settleMs: 0 };
  return { stores, releases, deps, tick: () => void (now += MINUTE) };
}

const schedule = (id: string, change: ScheduleRecord['change']): ScheduleRecord => ({
  id, environment: ENV, flag: 'checkout', at: new Date(NOW).toISOString(), dueAt: NOW, change, flagVersion: 1, status: 'pending', version: 1, createdAt: new Date(NOW).toISOString(), createdBy: 'alice', updatedAt: new Date(NOW).toISOString(),
});

describe('the release step of a minute run', () => {
  it('pauses a plan whose next step would fail the flag\'s golden tests, and writes nothing', async () => {
    // A golden test that pins user-7 to control: true at 0% treatment, false once 100% is treatment.
    const flag = { ...rampFlag(), tests: [{ name: 'user-7 stays on control', context: { targetingKey: 'user-7' }, expect: { variant: 'control' } }] };
    const { releases, stores, deps } = await setUp(flag);
    const plan = aPlan({ steps: [{ weights: { treatment: 100, control: 0 } }] });
    assert.ok((await releases.createPlan({ ...plan, environment: ENV })).ok);
    const report = await runReleases(deps);
    assert.equal(report.decisions[0]?.action, 'pause');
    assert.match(report.decisions[0]!.reason, /golden tests \(user-7 stays on control: expected "control", got "treatment"\)/);
    assert.equal((await releases.plan(ENV, plan.id))?.status, 'paused');
    assert.equal(await stores.flags.version(ENV), 1);
  });

  it('refuses a scheduled document that would make the flag invalid, with the reason', async () => {
    const { releases, deps } = await setUp(rampFlag());
    assert.ok((await releases.createSchedule(schedule('s1', { ...rampFlag(), defaultVariant: 'nope' }))).ok);
    const report = await runReleases(deps);
    assert.equal(report.applied[0]?.status, 'refused');
    assert.match((await releases.schedule(ENV, 's1'))?.reason ?? '', /^the change would make the flag invalid: \/defaultVariant/);
  });

  it('refuses a scheduled document a PUT would refuse: golden-test contexts past the context limits', async () => {
    const { releases, deps } = await setUp(rampFlag());
    const oversized = { ...rampFlag(), tests: [{ context: { targetingKey: 'u1', note: 'x'.repeat(2048) }, expect: { variant: 'control' } }] };
    assert.ok((await releases.createSchedule(schedule('s1', oversized))).ok);
    await runReleases(deps);
    assert.match((await releases.schedule(ENV, 's1'))?.reason ?? '', /^the change would make the flag invalid: \/tests\/0\/context/);
  });

  it('writes one change per flag per run: a plan step waits behind a due schedule on the same flag, and then pauses', async () => {
    const { releases, stores, deps, tick } = await setUp(rampFlag());
    const plan = aPlan();
    assert.ok((await releases.createPlan({ ...plan, environment: ENV })).ok);
    assert.ok((await releases.createSchedule(schedule('s1', { enabled: false }))).ok);
    const first = await runReleases(deps);
    assert.deepEqual([first.applied[0]?.status, first.deferred], ['applied', 1]);
    assert.equal(await stores.flags.version(ENV), 2);
    tick();
    const second = await runReleases(deps);
    assert.equal(second.decisions[0]?.action, 'pause', 'the scheduled change is an edit the plan did not make');
  });
});
