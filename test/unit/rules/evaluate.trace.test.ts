// Traces: the answer to "why did this user get this variant": every clause evaluated with the
// value seen, segments, splits with bucket and ranges, schedules and prerequisites, and redaction.

import assert from 'node:assert/strict';
import { bucketFor, evaluate, FlagSchema, type Evaluation, type FlagInput, type Trace } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRollout, aRule, aSegment, compiled, evaluateBoth, NOW, type Scope } from '../../helpers/builders.ts';

/** The trace of both evaluators, which must agree on flags whose clauses run in one order. */
function traceOf(doc: FlagInput, context: object, options: { now?: number } & Scope = {}): { result: Evaluation; trace: Trace } {
  const { compiled: c, interpreted: i } = evaluateBoth(doc, context, { ...options, trace: true });
  assert.deepEqual(c, i, 'compiled and interpreted traces disagree');
  assert.ok(c.trace, 'no trace');
  return { result: c, trace: c.trace };
}

describe('evaluate: trace', () => {
  it('is absent unless asked for', () => {
    const flag = aFlag({ rules: [aRule(aClause('plan', 'eq', 'pro'))] });
    assert.ok(!('trace' in evaluate(compiled(flag), { plan: 'pro' }, { now: NOW })));
    assert.ok(!('trace' in evaluateBoth(flag, { plan: 'pro' }).interpreted));
  });

  it('lists each clause with its path, attribute, value seen, operator, operand and result', () => {
    const flag = aFlag({ rules: [aRule(aClause('geo.country', 'in', ['DE', 'FR']), { id: 'eu' })] });
    assert.deepEqual(traceOf(flag, { geo: { country: 'DE' } }).trace, [
      { kind: 'rule', ruleId: 'eu', index: 0, matched: true, clauses: [
        { kind: 'clause', path: '/rules/0/when', attr: 'geo.country', seen: 'DE', op: 'in', operand: ['DE', 'FR'], result: true },
      ] },
    ]);
  });

  it('records every rule tried up to the one that serves, and none after it', () => {
    const flag = aFlag({ rules: [
      aRule(aClause('plan', 'eq', 'pro'), { id: 'pro' }),
      aRule({ all: [aClause('country', 'eq', 'DE')] }, { id: 'de' }),
      aRule(undefined, { id: 'everyone' }),
    ] });
    const { result, trace } = traceOf(flag, { country: 'DE' });
    assert.equal(result.reason === 'TARGETING_MATCH' && result.ruleId, 'de');
    assert.deepEqual(trace, [
      { kind: 'rule', ruleId: 'pro', index: 0, matched: false, clauses: [{ kind: 'clause', path: '/rules/0/when', attr: 'plan', seen: undefined, op: 'eq', operand: 'pro', result: false }] },
      { kind: 'rule', ruleId: 'de', index: 1, matched: true, clauses: [{ kind: 'clause', path: '/rules/1/when/all/0', attr: 'country', seen: 'DE', op: 'eq', operand: 'DE', result: true }] },
    ]);
  });

  it('shows a missing attribute as seen undefined (absent from JSON), and null as null', () => {
    const flag = aFlag({ rules: [aRule(aClause('plan', 'not_in', ['free']))] });
    const [absent] = traceOf(flag, {}).trace;
    const [nulled] = traceOf(flag, { plan: null }).trace;
    assert.deepEqual(absent?.kind === 'rule' && absent.clauses[0], { kind: 'clause', path: '/rules/0/when', attr: 'plan', seen: undefined, op: 'not_in', operand: ['free'], result: true });
    assert.deepEqual(nulled?.kind === 'rule' && nulled.clauses[0], { kind: 'clause', path: '/rules/0/when', attr: 'plan', seen: null, op: 'not_in', operand: ['free'], result: true });
  });

  it('traces clauses without an attribute (time_window) and without an operand (exists)', () => {
    const window = { from: '09:00', to: '17:00', tz: 'UTC' };
    const flag = aFlag({ rules: [aRule(aClause(undefined, 'time_window', window), { id: 'hours' }), aRule(aClause('beta', 'exists'), { id: 'beta' })] });
    assert.deepEqual(traceOf(flag, { beta: 0 }, { now: Date.parse('2026-03-10T20:00:00Z') }).trace, [
      { kind: 'rule', ruleId: 'hours', index: 0, matched: false, clauses: [{ kind: 'clause', path: '/rules/0/when', op: 'time_window', operand: window, result: false }] },
      { kind: 'rule', ruleId: 'beta', index: 1, matched: true, clauses: [{ kind: 'clause', path: '/rules/1/when', attr: 'beta', seen: 0, op: 'exists', result: true }] },
    ]);
  });

  it('stops an all at its first false clause and an any at its first true one', () => {
    const compiledFlag = compiled(aFlag({ rules: [aRule({ all: [aClause('a', 'eq', 1), aClause('b', 'eq', 1)] }, { id: 'all' }), aRule({ any: [aClause('a', 'eq', 1), aClause('b', 'eq', 1)] }, { id: 'any' })] }));
    const trace = evaluate(compiledFlag, { a: 2, b: 1 }, { now: NOW, trace: true }).trace!;
    const counts = trace.map((s) => (s.kind === 'rule' ? s.clauses.length : -1));
    assert.ok(counts[0]! >= 1 && counts[0]! <= 2);
    assert.deepEqual(trace.map((s) => s.kind === 'rule' && s.matched), [false, true]);
  });

  it('names the segment of each clause evaluated inside it, after the segment\'s own entry', () => {
    const segments = { staff: aSegment('staff', aClause('email', 'ends_with', '@example.com')) };
    const flag = aFlag({ rules: [aRule({ segment: 'staff' })] });
    const [rule] = traceOf(flag, { email: 'ann@example.com' }, { segments }).trace;
    assert.deepEqual(rule?.kind === 'rule' && rule.clauses, [
      { kind: 'segment', path: '/rules/0/when', segment: 'staff', result: true },
      { kind: 'clause', path: '/when', segment: 'staff', attr: 'email', seen: 'ann@example.com', op: 'ends_with', operand: '@example.com', result: true },
    ]);
  });

  it('records a split with its unit, salt, bucket, ranges and variant', () => {
    const flag = aFlag({ key: 'checkout', rules: [aRule(undefined, { id: 'ramp', serve: aRollout({ on: 30, off: 70 }) })] });
    const bucket = bucketFor('checkout', 'alice');
    const { trace } = traceOf(flag, { targetingKey: 'alice' });
    assert.deepEqual(trace, [
      { kind: 'rule', ruleId: 'ramp', index: 0, matched: true, clauses: [] },
      { kind: 'split', ruleId: 'ramp', by: 'targetingKey', unit: 'alice', salt: 'checkout', bucket, ranges: [{ variant: 'on', from: 0, to: 30_000 }, { variant: 'off', from: 30_000, to: 100_000 }], variant: bucket < 30_000 ? 'on' : 'off' },
    ]);
  });

  it('leaves variants of weight 0 out of the ranges', () => {
    const flag = aFlag({ rules: [aRule(undefined, { serve: aRollout({ on: 0, off: 100 }) })] });
    const split = traceOf(flag, { targetingKey: 'alice' }).trace.find((s) => s.kind === 'split');
    assert.deepEqual(split?.kind === 'split' && split.ranges, [{ variant: 'off', from: 0, to: 100_000 }]);
  });

  it('explains a rule that matched but had no unit to bucket', () => {
    const flag = aFlag({ rules: [aRule(aClause('plan', 'eq', 'pro'), { serve: aRollout({ on: 50, off: 50 }) })] });
    const [rule] = traceOf(flag, { plan: 'pro' }).trace;
    assert.deepEqual(rule?.kind === 'rule' && { matched: rule.matched, note: rule.note }, { matched: false, note: 'no unit to bucket: the rollout attribute is missing' });
  });

  it('redacts the values of private attributes, in clauses, segments and splits', () => {
    const segments = { staff: aSegment('staff', aClause('email', 'ends_with', '@example.com')) };
    const flag = aFlag({
      privateAttributes: ['email', 'targetingKey'],
      rules: [
        aRule(aClause('email', 'eq', 'boss@example.com'), { id: 'boss' }),
        aRule({ segment: 'staff' }, { id: 'staff', serve: aRollout({ on: 50, off: 50 }) }),
      ],
    });
    const { trace } = traceOf(flag, { email: 'ann@example.com', targetingKey: 'ann', plan: 'pro' }, { segments });
    const seen = trace.flatMap((s) => (s.kind === 'rule' ? s.clauses.flatMap((c) => (c.kind === 'clause' ? [c.seen] : [])) : []));
    assert.deepEqual(seen, ['[redacted]', '[redacted]']);
    const split = trace.find((s) => s.kind === 'split');
    assert.equal(split?.kind === 'split' && split.unit, '[redacted]');
    assert.ok(!JSON.stringify(trace).includes('ann@example.com'));
  });

  it('does not pretend a missing private attribute had a value', () => {
    const flag = aFlag({ privateAttributes: ['email'], rules: [aRule(aClause('email', 'exists'))] });
    const [rule] = traceOf(flag, {}).trace;
    const clause = rule?.kind === 'rule' ? rule.clauses[0] : undefined;
    assert.ok(clause?.kind === 'clause' && clause.seen === undefined);
  });

  it('records the flag\'s schedule, and a rule skipped by its own', () => {
    const flag = aFlag({ schedule: { from: '2026-01-01T00:00:00Z' }, rules: [aRule(undefined, { schedule: { until: '2026-01-02T00:00:00Z' } })] });
    assert.deepEqual(traceOf(flag, {}).trace, [
      { kind: 'schedule', path: '/schedule', active: true },
      { kind: 'rule', ruleId: 'r', index: 0, matched: false, note: 'outside its schedule', clauses: [] },
    ]);
    assert.deepEqual(traceOf(aFlag({ schedule: { until: '2026-01-01T00:00:00Z' } }), {}).trace, [{ kind: 'schedule', path: '/schedule', active: false }]);
  });

  it('records each prerequisite with the variant expected and the variant served', () => {
    const flags = { api: FlagSchema.parse(aFlag({ key: 'api', defaultVariant: 'on' })), db: FlagSchema.parse(aFlag({ key: 'db' })) };
    const flag = aFlag({ prerequisites: [{ flag: 'api', variant: 'on' }, { flag: 'db', variant: 'on' }], rules: [aRule()] });
    assert.deepEqual(traceOf(flag, {}, { flags }).trace, [
      { kind: 'prerequisite', flag: 'api', expected: 'on', got: 'on', passed: true },
      { kind: 'prerequisite', flag: 'db', expected: 'on', got: 'off', passed: false },
    ]);
  });

  it('is empty for a disabled flag, which reads nothing', () => {
    assert.deepEqual(traceOf(aFlag({ enabled: false, rules: [aRule(aClause('plan', 'eq', 'pro'))] }), { plan: 'pro' }).trace, []);
  });
});
