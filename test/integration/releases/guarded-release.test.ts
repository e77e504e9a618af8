// Guarded releases end to end on a simulated clock (issue 17): traffic -> Pub/Sub emulator ->
// aggregate function -> Firestore rollups -> the release step -> flag writes in Firestore, with a
// Monitoring guard read from the local gRPC Monitoring server by the real client.

import assert from 'node:assert/strict';
import { newPlan } from '../../../shared/releases/plan-lifecycle.ts';
import type { PlanRecord } from '../../../shared/releases/plan-record.ts';
import { PlanInputSchema } from '../../../shared/releases/plan-schema.ts';
import { splitWeights } from '../../../shared/releases/weights.ts';
import type { ScheduleRecord } from '../../../shared/schedules/schedule-schema.ts';
import { FlagSchema } from '../../../shared/rules/schema.ts';
import { resetFirestore } from '../../helpers/services.ts';
import { ENV, FLAG, MINUTE, rampFlag, startReleaseRig, traffic, type ReleaseRig } from './release-harness.ts';

const healthy = { treatment: 0.01, control: 0.01 };
const FIVE_STEPS = [1, 5, 25, 50, 100].map((t) => ({ weights: { treatment: t, control: 100 - t }, minHoldMinutes: 2, minSample: 200 }));

async function createPlan(rig: ReleaseRig, overrides: Record<string, unknown> = {}): Promise<PlanRecord> {
  const flag = await rig.stores.documents.flags.get(ENV, FLAG);
  if (!flag.ok) throw new Error('no flag');
  const input = PlanInputSchema.parse({ ruleId: 'ramp', control: 'control', treatment: 'treatment', steps: FIVE_STEPS, guards: [{ id: 'errors', kind: 'rate', event: 'error' }], ...overrides });
  const made = newPlan(input, { id: 'rel1', environment: ENV, flag: flag.document, flagVersion: flag.version, actor: 'alice', now: rig.clock.now() });
  if (!made.ok) throw new Error(made.message);
  const created = await rig.releases.createPlan(made.plan);
  if (!created.ok) throw new Error(created.reason);
  return created.record;
}

async function currentShare(rig: ReleaseRig): Promise<number> {
  const flag = await rig.stores.documents.flags.get(ENV, FLAG);
  assert.ok(flag.ok);
  const split = splitWeights(flag.document, 'ramp');
  assert.ok(split.ok);
  return (split.weights.treatment ?? 0) / 100;
}

/** One tick with traffic at the flag's current share. */
async function tick(rig: ReleaseRig, rates = healthy, total = 20_000) {
  const answer = await rig.minute(traffic(total, await currentShare(rig), rates));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

async function flagHistory(rig: ReleaseRig) {
  const history = await rig.stores.documents.flags.history(ENV, FLAG);
  assert.ok(history.ok);
  return [...history.entries].reverse();
}

describe('guarded releases on the emulators and a simulated clock', function () {
  this.timeout(180_000);
  let rig: ReleaseRig;
  beforeEach(async () => {
    await resetFirestore();
    rig = await startReleaseRig();
    assert.ok((await rig.stores.environments.create({ key: ENV }, { actor: 'setup' })).ok);
    assert.ok((await rig.stores.documents.flags.put(ENV, rampFlag(0), { ifMatch: 0, actor: 'setup' })).ok);
  });
  afterEach(async () => {
    await rig.close();
  });

  it('takes a five-step plan with healthy guards to 100% in five holds, each step an ordinary versioned write by the release', async () => {
    await createPlan(rig);
    let runs = 0;
    for (; runs < 30; runs++) {
      await tick(rig);
      if ((await rig.releases.plan(ENV, 'rel1'))?.status === 'completed') break;
    }
    const plan = (await rig.releases.plan(ENV, 'rel1'))!;
    assert.equal(plan.status, 'completed');
    assert.equal(await currentShare(rig), 1);
    const steps = (await flagHistory(rig)).slice(1);
    assert.deepEqual(steps.map((e) => [e.version, e.actor]), [[2, 'release:rel1'], [3, 'release:rel1'], [4, 'release:rel1'], [5, 'release:rel1'], [6, 'release:rel1']]);
    assert.match(steps[1]!.comment ?? '', /^release rel1 advance: step 0 -> 1 \(treatment 5%, control 95%\); step held with healthy guards \| errors \(error per exposure\): treatment \d+\/\d+/);
    // Start, then five holds of two minutes (each step's hold ends at its second tick after it).
    assert.ok(runs + 1 <= 1 + 5 * 3, `completed after ${runs + 1} runs`);
  });

  it('halts a treatment whose error rate triples and rolls it back within two runs, with the evidence', async () => {
    await createPlan(rig);
    let breachRuns = 0;
    for (let i = 0; i < 30; i++) {
      const share = await currentShare(rig);
      const bad = share >= 0.25;
      if (bad) breachRuns++;
      await tick(rig, bad ? { treatment: 0.03, control: 0.01 } : healthy);
      if ((await rig.releases.plan(ENV, 'rel1'))?.status === 'halted') break;
    }
    const plan = (await rig.releases.plan(ENV, 'rel1'))!;
    assert.equal(plan.status, 'halted');
    assert.ok(breachRuns <= 2, `halted after ${breachRuns} runs at 25%`);
    assert.equal(await currentShare(rig), 0.05);
    const halt = plan.decisions.at(-1)!;
    assert.equal(halt.action, 'halt');
    const evidence = halt.evidence.find((e) => e.guard === 'errors')!;
    assert.equal(evidence.verdict, 'breach');
    assert.ok(Number(evidence.figures.logLikelihoodRatio) >= Number(evidence.figures.threshold));
    const last = (await flagHistory(rig)).at(-1)!;
    assert.equal(last.actor, 'release:rel1');
    assert.match(last.comment ?? '', /halt: step 2 -> 2 \(treatment 5%, control 95%\); guard "errors" breached/);
    assert.ok(rig.log.warnings.some((w) => w.message.startsWith('release halted') && w.fields.release === 'rel1'));
    const drained = rig.metrics.drain();
    const halts = drained.counters.filter((c) => c.m === 'release_halts');
    assert.deepEqual(halts.map((c) => [c.l, c.v]), [[{ environment: ENV, flag: FLAG }, 1]]);
    assert.deepEqual(drained.gauges.filter((g) => g.m === 'releases_running').map((g) => [g.l, g.v]), [[{ environment: ENV }, 0]]);
  });

  it('halts when a Monitoring guard breaches its threshold', async () => {
    await createPlan(rig, { guards: [{ id: 'run-5xx', kind: 'monitoring', filter: 'metric.type="custom.googleapis.com/test/five_xx_ratio"', threshold: 0.05 }] });
    await rig.monitor(0.01);
    await tick(rig);
    await tick(rig);
    assert.equal((await rig.releases.plan(ENV, 'rel1'))?.status, 'running');
    await rig.monitor(0.4);
    await tick(rig);
    const plan = (await rig.releases.plan(ENV, 'rel1'))!;
    assert.equal(plan.status, 'halted');
    assert.deepEqual(plan.decisions.at(-1)!.evidence.map((e) => [e.guard, e.verdict, e.figures.value]), [['run-5xx', 'breach', 0.4]]);
    assert.equal(await currentShare(rig), 0);
  });

  it('pauses the plan when a human edits the rule, instead of overwriting the edit', async () => {
    await createPlan(rig);
    await tick(rig);
    const flag = await rig.stores.documents.flags.get(ENV, FLAG);
    assert.ok(flag.ok);
    assert.ok((await rig.stores.documents.flags.put(ENV, FlagSchema.parse(rampFlag(30)), { ifMatch: flag.version, actor: 'bob', comment: 'by hand' })).ok);
    const report = await tick(rig);
    const plan = (await rig.releases.plan(ENV, 'rel1'))!;
    assert.equal(plan.status, 'paused');
    assert.match(plan.pauseReason ?? '', /moved from version 2 to 3/);
    assert.equal(report.releases?.decisions[0]?.action, 'pause');
    for (let i = 0; i < 4; i++) await tick(rig);
    assert.equal(await currentShare(rig), 0.3, 'the human edit stands');
  });

  it('neither skips nor repeats a step when a run dies between reading and writing, or after writing', async () => {
    await createPlan(rig);
    // Killed after deciding, before its commit: the next run decides the same step from the same version.
    rig.interceptCommit(() => async () => { throw new Error('killed before writing'); });
    await tick(rig);
    assert.equal((await flagHistory(rig)).length, 1);
    await tick(rig);
    assert.deepEqual((await flagHistory(rig)).map((e) => e.version), [1, 2]);
    // Killed after its commit, before answering: the next run finds the step done.
    for (let i = 0; i < 10 && (await currentShare(rig)) < 0.05; i++) {
      rig.interceptCommit((commit) => async (environment, items) => {
        await commit(environment, items);
        throw new Error('killed after writing');
      });
      await rig.minute(traffic(20_000, await currentShare(rig), healthy));
    }
    for (let i = 0; i < 3; i++) await tick(rig);
    const history = await flagHistory(rig);
    const shares = history.slice(1).map((e) => {
      const split = e.document && splitWeights(e.document, 'ramp');
      return split?.ok ? split.weights.treatment : undefined;
    });
    assert.deepEqual(shares, [...new Set(shares)], 'no step written twice');
    assert.deepEqual(shares.slice(0, 3), [1, 5, 25], 'no step skipped');
    assert.deepEqual(history.map((e) => e.version), history.map((_, i) => i + 1));
  });

  it('refuses a scheduled change on a flag that moved since, and says why; applies one on an unmoved flag', async () => {
    const schedule = (id: string, dueAt: number): ScheduleRecord => ({ id, environment: ENV, flag: FLAG, at: new Date(dueAt).toISOString(), dueAt, change: { enabled: false }, flagVersion: 1, status: 'pending', version: 1, createdAt: new Date(rig.clock.now()).toISOString(), createdBy: 'alice', updatedAt: new Date(rig.clock.now()).toISOString() });
    assert.ok((await rig.releases.createSchedule(schedule('off-later', rig.clock.now() + 5 * MINUTE))).ok);
    assert.ok((await rig.releases.createSchedule(schedule('off-soon', rig.clock.now() + MINUTE))).ok);
    await rig.minute();
    const applied = await rig.releases.schedule(ENV, 'off-soon');
    assert.deepEqual([applied?.status, applied?.appliedVersion], ['applied', 2]);
    const entry = (await flagHistory(rig)).at(-1)!;
    assert.deepEqual([entry.actor, entry.document?.enabled], ['schedule:off-soon', false]);
    for (let i = 0; i < 5; i++) await rig.minute();
    const refused = await rig.releases.schedule(ENV, 'off-later');
    assert.equal(refused?.status, 'refused');
    assert.equal(refused?.reason, 'the flag moved from version 1 (when this was scheduled) to 2; not applied');
    assert.equal((await flagHistory(rig)).length, 2);
  });
});
