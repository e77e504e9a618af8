import assert from 'node:assert/strict';
import { decideStep, type Observations } from '../../../shared/releases/decide-step.ts';
import type { PlanRecord } from '../../../shared/releases/plan-record.ts';
import { newPlan, steerPlan } from '../../../shared/releases/plan-lifecycle.ts';
import { audienceOf } from '../../../shared/releases/weights.ts';
import { FlagSchema } from '../../../shared/rules/schema.ts';
import { aMinute, aPlan, FIVE_STEPS, MINUTE, NOW, planInput, rampFlag } from './plan-fixtures.ts';

const healthy = { treatment: 0.01, control: 0.01 };

/** Runs the plan minute by minute as the minute run would, each write landing; returns every outcome. */
function simulate(plan: PlanRecord, minutes: number, rates: (share: number) => { treatment: number; control: number }, monitoring: (m: number) => Record<string, number | undefined> = () => ({})) {
  let current = plan;
  let flagVersion = plan.flagVersion;
  let weights = plan.initialWeights;
  const outcomes = [];
  for (let m = 1; m <= minutes; m++) {
    const now = NOW + m * MINUTE;
    const share = (weights.treatment ?? 0) / 100;
    const obs: Observations = { now, minutes: m === 1 ? [] : [aMinute(now - 2 * MINUTE, share, rates(share))], monitoring: monitoring(m), flag: { version: flagVersion, weights } };
    const outcome = decideStep(current, obs);
    outcomes.push({ minute: m, outcome });
    current = outcome.plan;
    if (outcome.kind === 'flag_write') {
      flagVersion++;
      weights = outcome.weights;
    }
    if (current.status !== 'running') break;
  }
  return { plan: current, outcomes, weights, flagVersion };
}

describe('deciding a release step', () => {
  it('applies the first step at once, moving from the version the plan was created on', () => {
    const outcome = decideStep(aPlan(), { now: NOW, minutes: [], monitoring: {}, flag: { version: 1, weights: { treatment: 0, control: 100 } } });
    assert.equal(outcome.kind, 'flag_write');
    assert.deepEqual(outcome.kind === 'flag_write' && outcome.weights, { treatment: 1, control: 99 });
    assert.equal(outcome.plan.flagVersion, 2);
    assert.equal(outcome.plan.decisions.at(-1)?.fromFlagVersion, 1);
    assert.equal(outcome.plan.decisions.at(-1)?.actor, 'release:p1');
  });

  it('reaches 100% through five steps in five holds with healthy guards, then completes', () => {
    const { plan, outcomes, weights } = simulate(aPlan(), 200, () => healthy);
    assert.equal(plan.status, 'completed');
    assert.deepEqual(weights, { treatment: 100, control: 0 });
    const moves = outcomes.filter((o) => o.outcome.kind === 'flag_write').map((o) => o.outcome.plan.step);
    assert.deepEqual(moves, [0, 1, 2, 3, 4]);
    // Each step holds at least its ten minutes: five holds, about 50 minutes in all.
    const finished = outcomes.at(-1)!.minute;
    assert.ok(finished >= 51 && finished <= 60, `completed at minute ${finished}`);
  });

  it('halts within a few checks when the treatment triples its error rate, rolling back to the previous step with the evidence', () => {
    const { plan, outcomes, weights } = simulate(aPlan(), 200, (share) => (share >= 0.25 ? { treatment: 0.03, control: 0.01 } : healthy));
    assert.equal(plan.status, 'halted');
    assert.deepEqual(weights, { treatment: 5, control: 95 });
    const halt = plan.decisions.at(-1)!;
    assert.equal(halt.action, 'halt');
    assert.equal(halt.fromStep, 2);
    const evidence = halt.evidence.find((e) => e.guard === 'errors')!;
    assert.equal(evidence.verdict, 'breach');
    assert.ok(Number(evidence.figures.ratio) > 1.5, JSON.stringify(evidence.figures));
    const stepStart = outcomes.find((o) => o.outcome.kind === 'flag_write' && o.outcome.plan.step === 2)!.minute;
    assert.ok(outcomes.at(-1)!.minute - stepStart <= 4, `halted ${outcomes.at(-1)!.minute - stepStart} minutes into the step`);
  });

  it('hands the treatment share to control on breach with onBreach zero', () => {
    const { weights } = simulate(aPlan({ onBreach: 'zero' }), 200, (share) => (share >= 0.25 ? { treatment: 0.03, control: 0.01 } : healthy));
    assert.deepEqual(weights, { treatment: 0, control: 100 });
  });

  it('halts on a Monitoring guard beyond its threshold for its minutes', () => {
    const guards = [{ id: 'run-5xx', kind: 'monitoring', filter: 'metric.type="run.googleapis.com/request_count"', threshold: 0.05, forMinutes: 2 }];
    const { plan } = simulate(aPlan({ guards }), 200, () => healthy, (m) => ({ 'run-5xx': m >= 15 ? 0.2 : 0.01 }));
    assert.equal(plan.status, 'halted');
    const halt = plan.decisions.at(-1)!;
    assert.equal(halt.evidence[0]!.verdict, 'breach');
    assert.equal(halt.at, new Date(NOW + 16 * MINUTE).toISOString());
  });

  it('holds, never advances, while a Monitoring guard has no data', () => {
    const guards = [{ id: 'slo', kind: 'monitoring', promql: 'sum(rate(x[5m]))', threshold: 1 }];
    const { plan } = simulate(aPlan({ guards }), 40, () => healthy, () => ({ slo: undefined }));
    assert.equal(plan.status, 'running');
    assert.equal(plan.step, 0);
    assert.match(plan.lastCheck!.outcome, /no data for slo/);
  });

  it('holds until each arm has its minimum sample, however long the hold', () => {
    const steps = FIVE_STEPS.map((s) => ({ ...s, minSample: 1_000_000 }));
    const { plan } = simulate(aPlan({ steps }), 60, () => healthy);
    assert.equal(plan.step, 0);
    assert.match(plan.lastCheck!.outcome, /exposures per arm/);
  });

  describe('a write of the flag by someone else', () => {
    const started = () => decideStep(aPlan(), { now: NOW, minutes: [], monitoring: {}, flag: { version: 1, weights: { treatment: 0, control: 100 } } }).plan;
    const atStep0 = (edit: (flag: ReturnType<typeof rampFlag>) => unknown) => {
      const flag = FlagSchema.parse(edit(rampFlag(1)));
      return { now: NOW + MINUTE, minutes: [], monitoring: {}, flag: { version: 3, weights: { treatment: 1, control: 99 }, audience: audienceOf(flag, 'ramp') } };
    };
    const cosmetic = [
      (f: ReturnType<typeof rampFlag>) => ({ ...f, description: 'now with words' }),
      (f: ReturnType<typeof rampFlag>) => ({ ...f, name: 'Checkout, renamed', tags: ['q4'] }),
      (f: ReturnType<typeof rampFlag>) => ({ ...f, tests: [{ context: { targetingKey: 'u' }, expect: { variant: 'control' } }] }),
    ];
    for (const [i, edit] of cosmetic.entries()) {
      it(`goes on from the new version when the write moved none of its users (${i})`, () => {
        const outcome = decideStep(started(), atStep0(edit));
        assert.equal(outcome.plan.status, 'running');
        assert.equal(outcome.plan.flagVersion, 3);
      });
    }
    const moving = [
      (f: ReturnType<typeof rampFlag>) => ({ ...f, variants: { treatment: 'new value', control: false } }),
      (f: ReturnType<typeof rampFlag>) => ({ ...f, rules: [{ id: 'first', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'control' } }, ...(f.rules ?? [])] }),
      (f: ReturnType<typeof rampFlag>) => ({ ...f, rules: (f.rules ?? []).map((r) => ({ ...r, when: { attr: 'geo.country', op: 'in', value: ['DE'] } })) }),
      (f: ReturnType<typeof rampFlag>) => ({ ...f, enabled: false }),
    ];
    for (const [i, edit] of moving.entries()) {
      it(`pauses when the write changed who the rule serves or with what (${i})`, () => {
        const outcome = decideStep(started(), atStep0(edit));
        assert.equal(outcome.plan.status, 'paused');
        assert.match(outcome.plan.pauseReason!, /moved from version 2 to 3/);
      });
    }
  });

  it('pauses instead of writing when another writer moved the flag', () => {
    const started = decideStep(aPlan(), { now: NOW, minutes: [], monitoring: {}, flag: { version: 1, weights: { treatment: 0, control: 100 } } }).plan;
    const outcome = decideStep(started, { now: NOW + MINUTE, minutes: [], monitoring: {}, flag: { version: 3, weights: { treatment: 1, control: 99 } } });
    assert.equal(outcome.kind, 'plan_only');
    assert.equal(outcome.plan.status, 'paused');
    assert.match(outcome.plan.pauseReason!, /moved from version 2 to 3/);
  });

  it('decides the same from the same inputs, so a run that died before writing repeats exactly that step', () => {
    const started = decideStep(aPlan(), { now: NOW, minutes: [], monitoring: {}, flag: { version: 1, weights: { treatment: 0, control: 100 } } }).plan;
    const obs: Observations = { now: NOW + 11 * MINUTE, minutes: Array.from({ length: 10 }, (_, i) => aMinute(NOW + i * MINUTE, 0.01, healthy, 100_000)), monitoring: {}, flag: { version: 2, weights: { treatment: 1, control: 99 } } };
    assert.deepEqual(decideStep(started, obs), decideStep(started, obs));
    const outcome = decideStep(started, obs);
    assert.equal(outcome.kind, 'flag_write');
    assert.equal(outcome.kind === 'flag_write' && outcome.decision.fromFlagVersion, 2);
  });

  it('writes the evidence into the comment of the flag write', () => {
    const { outcomes } = simulate(aPlan(), 30, () => healthy);
    const advance = outcomes.find((o) => o.outcome.kind === 'flag_write' && o.outcome.plan.step === 1)!.outcome;
    assert.ok(advance.kind === 'flag_write');
    assert.match(advance.comment, /^release p1 advance: step 0 -> 1 \(treatment 5%, control 95%\)/);
    assert.match(advance.comment, /errors \(error per exposure\): treatment \d+\/\d+/);
  });
});

describe('a plan\'s mean guard', () => {
  it('halts a treatment whose latency is 40% higher, and holds one that is the same', () => {
    const guards = [{ id: 'latency', kind: 'mean', event: 'latency', direction: 'increase', tolerance: 0.1 }];
    const started = decideStep(aPlan({ guards }), { now: NOW, minutes: [], monitoring: {}, flag: { version: 1, weights: { treatment: 0, control: 100 } } }).plan;
    const minute = (m: number, treatmentMs: number) => ({
      minute: NOW + m * MINUTE, exposures: { treatment: 100, control: 9900 }, events: {},
      // 100 values per arm per minute with a spread of +-20%.
      values: { latency: Object.fromEntries(([['treatment', treatmentMs], ['control', 100]] as const).map(([v, mean]) => [v, { count: 100, sum: 100 * mean, sumSq: 100 * mean * mean * (1 + 0.04 / 3) }])) },
    });
    const check = (treatmentMs: number) => decideStep(started, { now: NOW + 3 * MINUTE, minutes: [minute(0, treatmentMs), minute(1, treatmentMs)], monitoring: {}, flag: { version: 2, weights: { treatment: 1, control: 99 } } });
    const slow = check(140);
    assert.equal(slow.plan.status, 'halted');
    assert.equal(slow.plan.decisions.at(-1)!.evidence[0]!.verdict, 'breach');
    const same = check(100);
    assert.equal(same.plan.status, 'running');
    assert.equal(same.plan.lastCheck!.evidence[0]!.verdict, 'ok');
  });
});

describe('creating a plan', () => {
  it('refuses a flag with a second split rule, whose evaluations would mix into the plan\'s exposures', () => {
    const flag = FlagSchema.parse({ ...rampFlag(), rules: [...rampFlag().rules!, { id: 'other', serve: { rollout: { split: [{ variant: 'treatment', weight: 50 }, { variant: 'control', weight: 50 }] } } }] });
    const made = newPlan(planInput(), { id: 'p1', environment: 'production', flag, flagVersion: 1, actor: 'alice', now: NOW });
    assert.ok(!made.ok);
    assert.equal(made.path, '/ruleId');
  });

  it('refuses steps whose weights name variants the split lacks', () => {
    const made = newPlan(planInput({ steps: [{ weights: { treatment: 50, control: 40, other: 10 } }] }), { id: 'p1', environment: 'production', flag: rampFlag(), flagVersion: 1, actor: 'alice', now: NOW });
    assert.ok(!made.ok);
    assert.equal(made.path, '/steps/0/weights');
  });
});

describe('steering a plan by hand', () => {
  const at = { actor: 'alice', now: NOW, flag: { version: 1, weights: { treatment: 0, control: 100 } } };

  it('pauses and resumes, restarting the hold', () => {
    const paused = steerPlan(aPlan(), 'pause', at);
    assert.ok(paused.ok);
    assert.equal(paused.plan.status, 'paused');
    const resumed = steerPlan(paused.plan, 'resume', { ...at, now: NOW + MINUTE });
    assert.ok(resumed.ok);
    assert.equal(resumed.plan.status, 'running');
    assert.deepEqual(resumed.plan.decisions.map((d) => d.action), ['pause', 'resume']);
  });

  it('refuses to resume while the rule has other weights than the plan\'s step', () => {
    const paused = steerPlan(aPlan(), 'pause', at);
    assert.ok(paused.ok);
    const resumed = steerPlan(paused.plan, 'resume', { ...at, flag: { version: 2, weights: { treatment: 30, control: 70 } } });
    assert.ok(!resumed.ok);
    assert.equal(resumed.status, 409);
  });

  it('refuses to steer a finished plan', () => {
    const aborted = steerPlan(aPlan(), 'abort', at);
    assert.ok(aborted.ok);
    const again = steerPlan(aborted.plan, 'resume', at);
    assert.ok(!again.ok);
    assert.match(again.message, /aborted/);
  });
});
