// The complexity score: what each part of a flag adds, and the two promises it keeps
// (deterministic, and never lower when a flag grows).

import assert from 'node:assert/strict';
import { analyze, FlagSchema, OPERATOR_SPECS, type Clause, type Condition, type FlagInput, type Operator, type Segment } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRollout, aRule } from '../../helpers/builders.ts';

const scoreOf = (overrides: Partial<FlagInput>, segments?: Record<string, Segment>) =>
  analyze(FlagSchema.parse(aFlag(overrides)), segments ? { segments } : {}).complexity;

const withWhen = (when: Condition) => scoreOf({ rules: [aRule(when)] });

/** One valid clause per operator, so the table of operators drives the monotonicity test. */
const SAMPLES = {
  eq: aClause('plan', 'eq', 'pro'), neq: aClause('plan', 'neq', 'pro'),
  in: aClause('country', 'in', ['DE', 'FR']), not_in: aClause('country', 'not_in', ['US']),
  contains: aClause('email', 'contains', '@'), not_contains: aClause('email', 'not_contains', '+'),
  starts_with: aClause('email', 'starts_with', 'a'), ends_with: aClause('email', 'ends_with', '.com'),
  matches: aClause('email', 'matches', '^[a-z]+@example\\.com$'),
  gt: aClause('age', 'gt', 1), gte: aClause('age', 'gte', 1), lt: aClause('age', 'lt', 1), lte: aClause('age', 'lte', 1),
  between: aClause('age', 'between', [1, 2]),
  before: aClause('signup', 'before', '2026-01-01T00:00:00Z'), after: aClause('signup', 'after', 'now-30d'),
  between_dates: aClause('signup', 'between_dates', ['now-30d', 'now']),
  time_window: aClause(undefined, 'time_window', { from: '09:00', to: '17:00', tz: 'Europe/Berlin' }),
  semver_eq: aClause('v', 'semver_eq', '1.0.0'), semver_gt: aClause('v', 'semver_gt', '1.0.0'), semver_gte: aClause('v', 'semver_gte', '1.0.0'),
  semver_lt: aClause('v', 'semver_lt', '1.0.0'), semver_lte: aClause('v', 'semver_lte', '1.0.0'), semver_between: aClause('v', 'semver_between', ['1.0.0', '2.0.0']),
  contains_all: aClause('tags', 'contains_all', ['a']), contains_any: aClause('tags', 'contains_any', ['a']), contains_none: aClause('tags', 'contains_none', ['a']),
  size_eq: aClause('tags', 'size_eq', 1), size_gt: aClause('tags', 'size_gt', 1), size_lt: aClause('tags', 'size_lt', 1),
  exists: aClause('email', 'exists'), not_exists: aClause('email', 'not_exists'),
  within_radius: aClause('geo', 'within_radius', { lat: 52.5, lon: 13.4, km: 10 }),
  in_rollout: aClause('targetingKey', 'in_rollout', { salt: 's', percent: 10 }),
} satisfies Record<Operator, Clause>;

describe('complexity', () => {
  it('scores a flag without rules as 1', () => {
    assert.equal(scoreOf({}), 1);
  });

  it("adds one per rule plus its clause's cost from the operator table", () => {
    assert.equal(withWhen(aClause('plan', 'eq', 'pro')), 1 + 1 + OPERATOR_SPECS.eq.cost);
    assert.equal(withWhen(aClause('email', 'exists')), 1 + 1 + OPERATOR_SPECS.exists.cost);
  });

  it('adds log2(1 + n) for a list of n values', () => {
    assert.equal(withWhen(aClause('country', 'in', ['DE', 'FR', 'NL'])), 2 + OPERATOR_SPECS.in.cost + 2);
  });

  it('adds the length of a regex over 32', () => {
    assert.equal(withWhen(aClause('email', 'matches', 'a'.repeat(64))), 2 + OPERATOR_SPECS.matches.cost + 2);
  });

  it('adds 0.5 per all or any group and 0.25 per not', () => {
    const c = aClause('plan', 'eq', 'pro');
    assert.equal(withWhen({ all: [c, c] }), 2 + 0.5 + 2);
    assert.equal(withWhen({ any: [c] }), 2 + 0.5 + 1);
    assert.equal(withWhen({ not: c }), 2 + 0.25 + 1);
  });

  it('counts a segment as one plus its own condition, resolved through options.segments', () => {
    const segments = { staff: { key: 'staff', when: aClause('email', 'ends_with', '@acme.com') } };
    assert.equal(scoreOf({ rules: [aRule({ segment: 'staff' })] }, segments), 2 + 1 + OPERATOR_SPECS.ends_with.cost);
  });

  it('counts an unknown segment, or one already being counted, as one', () => {
    assert.equal(scoreOf({ rules: [aRule({ segment: 'nobody' })] }), 3);
    const segments = { loop: { key: 'loop', when: { segment: 'loop' } } };
    assert.equal(scoreOf({ rules: [aRule({ segment: 'loop' })] }, segments), 2 + 1 + 1);
  });

  it('counts rollouts by their split, schedules and prerequisites', () => {
    assert.equal(scoreOf({ rules: [aRule(undefined, { serve: aRollout({ on: 50, off: 50 }) })] }), 1 + 1 + 1 + 2 * 0.5);
    assert.equal(scoreOf({ rules: [aRule(undefined, { schedule: { from: '2026-01-01T00:00:00Z' } })] }), 2.5);
    assert.equal(scoreOf({ prerequisites: [{ flag: 'other', variant: 'on' }], schedule: { until: '2027-01-01T00:00:00Z' } }), 1 + 2 + 0.5);
  });

  it('rounds to two decimals', () => {
    const score = withWhen(aClause('country', 'in', ['DE', 'FR']));
    assert.equal(score, Math.round(score * 100) / 100);
    assert.notEqual(score, Math.round(score));
  });

  it('gives the same score to the same flag every time', () => {
    const rules = [aRule({ all: [SAMPLES.in, SAMPLES.matches] }, { id: 'a' }), aRule({ any: [SAMPLES.gt, SAMPLES.exists] }, { id: 'b' })];
    assert.equal(scoreOf({ rules }), scoreOf({ rules }));
  });

  for (const [op, clause] of Object.entries(SAMPLES)) {
    it(`never drops when a clause with ${op} is added`, () => {
      const base: Condition = { all: [aClause('plan', 'eq', 'pro')] };
      assert.ok(withWhen({ all: [...base.all, clause] }) > withWhen(base));
      assert.ok(withWhen({ all: [clause, base] }) > withWhen(base));
    });
  }

  it('never drops when a list grows or a rule is added', () => {
    const sizes = [1, 2, 5, 50, 1000].map((n) => withWhen(aClause('id', 'in', Array.from({ length: n }, (_, i) => `u${i}`))));
    sizes.slice(1).forEach((s, i) => assert.ok(s > sizes[i]!));
    const one = [aRule(SAMPLES.eq, { id: 'a' })];
    assert.ok(scoreOf({ rules: [...one, aRule(undefined, { id: 'b' })] }) > scoreOf({ rules: one }));
  });
});
