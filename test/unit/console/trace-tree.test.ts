// The "Why?" tree over real traces: each flag is compiled and evaluated by the rules core with
// trace on, exactly what the preview API answers, and the console lays the trace over the rules.

import assert from 'node:assert/strict';
import { compileFlag, evaluate, type Segment } from '../../../shared/rules/index.ts';
import { conditionWords } from '../../../functions/console/web/logic/change-words.ts';
import { explainTrace, type TraceNode, type TraceStepInput } from '../../../functions/console/web/logic/trace-tree.ts';

type Rule = { id: string; when?: unknown; serve: unknown };
const NOW = Date.parse('2026-12-01T12:00:00Z');

function explained(rules: Rule[], context: Record<string, unknown>, segments: Record<string, Segment> = {}, extra: Record<string, unknown> = {}) {
  const flag = { key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules, ...extra };
  const compiled = compileFlag(flag, { segments });
  assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.errors));
  const result = evaluate(compiled.flag, context, { now: NOW, trace: true }) as { trace?: TraceStepInput[] };
  return explainTrace(rules as never, result.trace ?? [], (key) => segments[key]?.when);
}

/** A node and its descendants as `outcome text` lines, indented by depth. */
function lines(node: TraceNode | null, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  if (node === null) return [`${pad}everyone`];
  switch (node.kind) {
    case 'group': return [`${pad}${node.outcome} ${node.op === 'all' ? 'AND' : 'OR'}`, ...node.children.flatMap((c) => lines(c, depth + 1))];
    case 'not': return [`${pad}${node.outcome} NOT`, ...lines(node.child, depth + 1)];
    case 'segment': return [`${pad}${node.outcome} segment ${node.segment}`, ...(node.condition ? lines(node.condition, depth + 1) : [])];
    case 'clause': return [`${pad}${node.outcome} ${node.text}${node.seen === undefined ? '' : ` (saw ${node.seen})`}`];
  }
}

const plan = (value: string) => ({ attr: 'plan', op: 'eq', value });

describe('the Why? trace as the rule\'s own tree', () => {
  it('marks the clauses an AND never needed as skipped, and the rules after the match as not reached', () => {
    const rules = [
      { id: 'pros-in-eu', when: { all: [plan('pro'), { attr: 'geo.country', op: 'in', value: ['DE', 'FR'] }] }, serve: { variant: 'on' } },
      { id: 'new-app', when: { attr: 'appVersion', op: 'semver_gte', value: '3.0.0' }, serve: { variant: 'on' } },
      { id: 'everyone', serve: { variant: 'off' } },
    ];
    const e = explained(rules, { targetingKey: 'u', plan: 'free', appVersion: '3.1.0' });
    assert.deepEqual(e.rules.map((r) => r.status), ['not matched', 'matched', 'not reached']);
    // The cheaper clause ran first and decided the AND: the other was skipped.
    assert.deepEqual(lines(e.rules[0]!.condition), ['false AND', '  false plan is pro (saw free)', '  skipped geo.country is one of DE, FR']);
    assert.deepEqual(lines(e.rules[1]!.condition), ['true appVersion version >= 3.0.0 (saw 3.1.0)']);
    assert.deepEqual(lines(e.rules[2]!.condition), ['everyone']);
    assert.equal(e.rules[2]!.serves, 'off');
  });

  it('shows every clause of an OR inside a NOT, with the outcome of each level', () => {
    const rules = [{ id: 'not-staff', when: { not: { any: [plan('staff'), { attr: 'email', op: 'ends_with', value: '@corp.test' }] } }, serve: { variant: 'on' } }];
    const e = explained(rules, { targetingKey: 'u', plan: 'pro', email: 'a@corp.test' });
    assert.deepEqual(lines(e.rules[0]!.condition), ['false NOT', '  true OR', '    false plan is staff (saw pro)', '    true email ends with @corp.test (saw a@corp.test)']);
  });

  it('expands a segment into its own condition', () => {
    const segments = { beta: { key: 'beta', when: { any: [{ attr: 'targetingKey', op: 'in', value: ['ana', 'ben'] }, plan('internal')] } } as Segment };
    const e = explained([{ id: 'beta', when: { segment: 'beta' }, serve: { variant: 'on' } }], { targetingKey: 'ana', plan: 'pro' }, segments);
    // plan is the cheaper clause: it ran first, and did not decide the OR.
    assert.deepEqual(lines(e.rules[0]!.condition), ['true segment beta', '  true OR', '    true targetingKey is one of ana, ben (saw ana)', '    false plan is internal (saw pro)']);
  });

  it('shows the split: the unit, its bucket, each variant\'s range and the one chosen', () => {
    const rules = [{ id: 'half', serve: { rollout: { by: 'targetingKey', salt: 'half', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }];
    const e = explained(rules, { targetingKey: 'user-42' });
    const split = e.rules[0]!.split!;
    assert.equal(split.by, 'targetingKey');
    assert.equal(split.unit, 'user-42');
    assert.deepEqual(split.ranges.map((r) => [r.variant, r.from, r.to]), [['on', 0, 50000], ['off', 50000, 100000]]);
    assert.deepEqual(split.ranges.filter((r) => r.chosen).map((r) => r.variant), [split.variant]);
    assert.ok(split.bucket >= 0 && split.bucket < 100000);
  });

  it('lists the prerequisites with what they served', () => {
    const dependency = { key: 'base', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [] };
    const flag = { key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'on', rules: [], prerequisites: [{ flag: 'base', variant: 'on' }] };
    const compiled = compileFlag(flag, { flags: { base: dependency as never } });
    assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.errors));
    const result = evaluate(compiled.flag, { targetingKey: 'u' }, { now: NOW, trace: true }) as { trace?: TraceStepInput[] };
    assert.deepEqual(explainTrace([], result.trace ?? []).prerequisites, [{ flag: 'base', expected: 'on', got: 'off', passed: false }]);
  });
});

describe('the Why? trace of segments inside segments', () => {
  it('expands a segment named inside another, with its own clauses\' outcomes', () => {
    const segments = {
      staff: { key: 'staff', when: { attr: 'email', op: 'ends_with', value: '@acme.com' } } as Segment,
      beta: { key: 'beta', when: { any: [{ attr: 'targetingKey', op: 'in', value: ['ana'] }, { segment: 'staff' }] } } as Segment,
    };
    const e = explained([{ id: 'beta', when: { segment: 'beta' }, serve: { variant: 'on' } }], { targetingKey: 'zoe', email: 'zoe@acme.com' }, segments);
    assert.deepEqual(lines(e.rules[0]!.condition), [
      'true segment beta',
      '  true OR',
      '    false targetingKey is one of ana (saw zoe)',
      '    true segment staff',
      '      true email ends with @acme.com (saw zoe@acme.com)',
    ]);
  });
});

describe('operators in words', () => {
  it('reads versions, ranges, absence and time windows as phrases', () => {
    assert.deepEqual([
      conditionWords({ attr: 'appVersion', op: 'semver_gte', value: '3.0.0' }),
      conditionWords({ attr: 'appVersion', op: 'semver_between', value: ['2.0.0', '3.0.0'] }),
      conditionWords({ attr: 'seats', op: 'between', value: [5, 50] }),
      conditionWords({ attr: 'geo.country', op: 'not_in', value: ['DE', 'FR'] }),
      conditionWords({ attr: 'email', op: 'not_exists' }),
      conditionWords({ op: 'time_window', value: { days: ['mon'], from: '09:00', to: '17:00', tz: 'UTC' } }),
    ], [
      'appVersion version >= 3.0.0',
      'appVersion version is between 2.0.0 and 3.0.0',
      'seats is between 5 and 50',
      'geo.country is not one of DE, FR',
      'email is absent',
      'the time is mon 09:00–17:00 UTC',
    ]);
  });
});
