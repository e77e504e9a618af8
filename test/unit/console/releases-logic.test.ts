import assert from 'node:assert/strict';
import type { DraftFlag } from '../../../functions/console/web/logic/flag-draft.ts';
import { defaultPlanForm, fieldOfPath, messagesAt, newGuard, numberIssues, planBody, splitRules } from '../../../functions/console/web/logic/release-plan.ts';
import { decisionWords, evidenceWords, guardSetupWords, guardSeries, rampWords, refusalWords, stepWords, steersFor, type PlanView } from '../../../functions/console/web/logic/release-words.ts';
import { changeWords, instantOf, localValue, nextWholeHour, weightsWith } from '../../../functions/console/web/logic/schedule-change.ts';

const flag: DraftFlag = {
  key: 'checkout', enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control',
  rules: [
    { id: 'staff', when: { attr: 'plan', op: 'eq', value: 'staff' }, serve: { variant: 'treatment' } },
    { id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } },
  ],
};

describe('the release plan form', () => {
  it('offers only the rules that serve a split', () => {
    assert.deepEqual(splitRules(flag), [{ id: 'ramp', variants: ['treatment', 'control'], weights: { treatment: 0, control: 100 } }]);
  });

  it('starts with the usual ramp, the first variant as treatment and an error-rate guard', () => {
    const form = defaultPlanForm(splitRules(flag)[0]!);
    assert.deepEqual(form.steps.map((s) => s.percent), ['1', '5', '25', '50', '100']);
    assert.equal(form.treatment, 'treatment');
    assert.equal(form.control, 'control');
    assert.deepEqual(form.guards.map((g) => [g.kind, g.id, g.event]), [['rate', 'errors', 'error']]);
  });

  it('sends each step as weights that add up to 100 and tolerances as fractions', () => {
    const form = { ...defaultPlanForm(splitRules(flag)[0]!), steps: [{ percent: '5', minHoldMinutes: '15', minSample: '200' }, { percent: '100', minHoldMinutes: '10', minSample: '1000' }] };
    const monitoring = { ...newGuard('monitoring', ['errors']), filter: 'metric.type="x"', threshold: '0.05' };
    const body = planBody({ ...form, guards: [...form.guards, monitoring], comment: ' ramp ' });
    assert.deepEqual(body, {
      ruleId: 'ramp', treatment: 'treatment', control: 'control',
      steps: [{ weights: { treatment: 5, control: 95 }, minHoldMinutes: 15, minSample: 200 }, { weights: { treatment: 100, control: 0 }, minHoldMinutes: 10, minSample: 1000 }],
      guards: [{ id: 'errors', kind: 'rate', event: 'error', direction: 'increase', tolerance: 0.1 }, { id: 'metric', kind: 'monitoring', filter: 'metric.type="x"', threshold: 0.05, breachWhen: 'above', forMinutes: 2 }],
      onBreach: 'previous', comment: 'ramp',
    });
  });

  it('keeps what is not a number as typed, so the API refuses it at its field', () => {
    const form = { ...defaultPlanForm(splitRules(flag)[0]!), steps: [{ percent: 'lots', minHoldMinutes: '', minSample: '1000' }] };
    const body = planBody(form) as { steps: { weights: unknown; minHoldMinutes: unknown }[] };
    assert.deepEqual(body.steps[0], { weights: { treatment: 'lots' }, minHoldMinutes: '', minSample: 1000 });
  });

  it('finds number fields that are not numbers before anything is sent, at the paths the API uses', () => {
    const form = defaultPlanForm(splitRules(flag)[0]!);
    assert.deepEqual(numberIssues(form), []);
    const monitoring = { ...newGuard('monitoring', []), filter: 'metric.type="x"', threshold: 'high' };
    const bad = { ...form, steps: [{ percent: '5', minHoldMinutes: 'ten', minSample: '1000' }], guards: [{ ...form.guards[0]!, tolerancePercent: '' }, monitoring] };
    assert.deepEqual(numberIssues(bad).map((i) => [i.path, fieldOfPath(i.path)]), [
      ['/steps/0/minHoldMinutes', 'plan-step-0-hold'],
      ['/guards/0/tolerance', 'plan-guard-0-tolerance'],
      ['/guards/1/threshold', 'plan-guard-1-threshold'],
    ]);
  });

  it('names a guard id after those taken', () => {
    assert.equal(newGuard('rate', ['errors', 'errors-2']).id, 'errors-3');
  });

  it('places the API problem paths at their fields', () => {
    assert.equal(fieldOfPath('/steps/2/weights'), 'plan-step-2-percent');
    assert.equal(fieldOfPath('/steps/2/weights/control'), 'plan-step-2-percent');
    assert.equal(fieldOfPath('/steps/0/minHoldMinutes'), 'plan-step-0-hold');
    assert.equal(fieldOfPath('/guards/1/tolerance'), 'plan-guard-1-tolerance');
    assert.equal(fieldOfPath('/guards/1/event'), 'plan-guard-1-event');
    assert.equal(fieldOfPath('/guards/1'), 'plan-guard-1');
    assert.equal(fieldOfPath('/guards/1/promql'), 'plan-guard-1-filter');
    assert.equal(fieldOfPath('/ruleId'), 'plan-ruleId');
    assert.equal(fieldOfPath(''), 'plan-form');
    assert.deepEqual(messagesAt([{ path: '/steps/0/weights', code: 'x', message: 'weights must add up to 100, not 90' }, { path: '/ruleId', code: 'x', message: 'no' }], 'plan-step-0-percent'), ['weights must add up to 100, not 90']);
  });
});

const rateEvidence = (logLR: number, at = 'x') => ({
  guard: 'errors', kind: 'rate' as const, verdict: logLR >= 3 ? ('breach' as const) : ('ok' as const),
  figures: { event: 'error', treatmentEvents: 12, treatmentExposures: 2400, treatmentRate: 0.005, controlEvents: 230, controlExposures: 45600, controlRate: 0.00504, ratio: 0.99, nullRatio: 1.1, logLikelihoodRatio: logLR, threshold: 2.996, at },
});

const plan: PlanView = {
  status: 'running', step: 1, treatment: 'treatment', control: 'control',
  steps: [{ weights: { treatment: 1, control: 99 } }, { weights: { treatment: 5, control: 95 } }],
  guards: [{ id: 'errors', kind: 'rate' }],
  decisions: [
    { at: '2026-12-05T10:00:00.000Z', action: 'start', actor: 'release:r1', fromStep: -1, toStep: 0, weights: { treatment: 1, control: 99 }, reason: 'plan started', evidence: [] },
    { at: '2026-12-05T10:10:00.000Z', action: 'advance', actor: 'release:r1', fromStep: 0, toStep: 1, weights: { treatment: 5, control: 95 }, reason: 'held', evidence: [rateEvidence(-1.2)] },
    { at: '2026-12-05T10:12:00.000Z', action: 'pause', actor: 'admin:ana', fromStep: 1, toStep: 1, reason: 'paused by admin:ana', evidence: [] },
  ],
  lastCheck: { at: '2026-12-05T10:20:00.000Z', outcome: 'hold', evidence: [rateEvidence(0.4)] },
};

describe('a release plan in words', () => {
  it('says where the plan stands', () => {
    assert.equal(stepWords(plan), 'Step 2 of 2 (treatment 5%, control 95%)');
    assert.match(stepWords({ ...plan, step: -1 }), /^Not started/);
  });

  it('tells a decision and who took it', () => {
    assert.equal(decisionWords(plan.decisions[1]!), 'Advanced from step 1 to step 2 (treatment 5%, control 95%), by the minute run.');
    assert.equal(decisionWords(plan.decisions[2]!), 'Paused, by admin:ana.');
    assert.equal(decisionWords({ ...plan.decisions[1]!, action: 'halt', fromStep: 1, toStep: 1, weights: { treatment: 1, control: 99 } }), 'Halted at step 2; weights rolled back to treatment 1%, control 99%, by the minute run.');
  });

  it('marks a breached guard in words', () => {
    assert.match(evidenceWords(rateEvidence(3.4)), /evidence of harm 3.4 of 2.996 needed to halt: breached\.$/);
  });

  it('gives a rate guard\'s figures, sample sizes and verdict', () => {
    assert.equal(
      evidenceWords(rateEvidence(-1.2)),
      'errors: "error" per exposure, treatment 12 in 2,400 exposures (0.5%), control 230 in 45,600 (0.504%); ratio 0.99, tolerated 1.1; evidence of harm -1.2 of 2.996 needed to halt: healthy.',
    );
    assert.match(evidenceWords({ guard: 'p99', kind: 'monitoring', verdict: 'insufficient', figures: { value: null, threshold: 0.5, breachWhen: 'above', forMinutes: 2, consecutive: 0 } }), /value not available, halts above 0.5 for 2 minutes \(0 so far\): not enough data yet/);
  });

  it('charts each guard over the plan\'s decisions and last check, no value where a decision had no figures, no evidence of harm as 0, and the halt threshold', () => {
    const [series] = guardSeries(plan);
    assert.deepEqual(series!.times, ['10:00', '10:10', '10:12', '10:20'].map((t) => Date.parse(`2026-12-05T${t}:00.000Z`)));
    assert.deepEqual(series!.values, [null, 0, null, 0.4]);
    assert.deepEqual(series!.threshold, { value: 2.996, label: 'Halts at this evidence' });
  });

  it('keeps the figures when a decision and the last check share an instant', () => {
    const halted: PlanView = { ...plan, decisions: [{ ...plan.decisions[1]!, at: '2026-12-05T10:20:00.000Z', action: 'halt', evidence: [rateEvidence(3.5)] }], lastCheck: { at: '2026-12-05T10:20:00.000Z', outcome: 'halt', evidence: [] } };
    assert.deepEqual(guardSeries(halted)[0]!.values, [3.5]);
  });

  it('sums up the ramp and each guard as set up', () => {
    const steps = [{ weights: { treatment: 1, control: 99 }, minHoldMinutes: 10, minSample: 1000 }, { weights: { treatment: 100, control: 0 }, minHoldMinutes: 10, minSample: 1000 }];
    assert.equal(rampWords({ treatment: 'treatment', steps, guards: [] }), '1% → 100% of treatment; each step held at least 10 min and 1,000 exposures per arm');
    assert.equal(guardSetupWords({ id: 'errors', kind: 'rate', event: 'error', direction: 'increase', tolerance: 0.1 }), 'errors: "error" per exposure may rise 10% against control');
    assert.equal(guardSetupWords({ id: 'buys', kind: 'mean', event: 'basket', direction: 'decrease', tolerance: 0.05 }), 'buys: the mean of "basket" may fall 5% against control');
    assert.equal(guardSetupWords({ id: 'p99', kind: 'monitoring', threshold: 0.5, breachWhen: 'above' }), 'p99: a Monitoring value, halts above 0.5');
  });

  it('offers pause on a running plan, resume on a paused one, nothing on a finished one', () => {
    assert.deepEqual(steersFor('running'), ['pause', 'abort']);
    assert.deepEqual(steersFor('paused'), ['resume', 'abort']);
    assert.deepEqual(steersFor('halted'), []);
  });
});

describe('a scheduled change in the console', () => {
  it('reads a datetime-local value in the browser\'s zone as an instant', () => {
    const local = localValue(Date.UTC(2026, 11, 5, 22, 0));
    assert.equal(instantOf(local), '2026-12-05T22:00:00.000Z');
    assert.equal(instantOf('tomorrow'), undefined);
  });

  it('defaults to the next whole hour', () => {
    const now = Date.UTC(2026, 11, 5, 21, 17, 30);
    assert.equal(new Date(nextWholeHour(now)).getMinutes(), 0);
    assert.ok(nextWholeHour(now) > now && nextWholeHour(now) - now <= 3_600_000);
  });

  it('tells each kind of change in words', () => {
    assert.equal(changeWords({ enabled: false }), 'Disable the flag');
    assert.equal(changeWords({ enabled: true }), 'Enable the flag');
    assert.equal(changeWords({ ruleId: 'ramp', weights: { treatment: 50, control: 50 } }), 'Set rule ramp to treatment 50%, control 50%');
    assert.equal(changeWords({ key: 'checkout', enabled: true, variants: {} }), 'Replace the whole flag');
  });

  it('sets one variant\'s share and gives the rest to the other', () => {
    assert.deepEqual(weightsWith(['treatment', 'control'], 'treatment', 30), { treatment: 30, control: 70 });
  });
});

describe('a refused steer in plain words', () => {
  it('asks for a reload on 412 and passes on the API\'s reason otherwise', () => {
    assert.match(refusalWords(412, 'version mismatch', 'release'), /changed since you loaded it.*Reload it/);
    assert.equal(refusalWords(409, 'the plan is paused already', 'release'), 'The plan is paused already.');
    assert.match(refusalWords(403, '', 'schedule'), /editor role/);
  });
});
