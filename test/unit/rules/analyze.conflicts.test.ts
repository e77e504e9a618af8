// Conflicts among a flag's rules and variants: each kind with the cases it reports and, as
// important, the look-alikes it must not report (a warning that is not real is a bug).

import assert from 'node:assert/strict';
import {
  analyze, evaluate, FlagSchema, validate,
  type Clause, type Condition, type FlagInput, type Issue, type IssueCode, type Rule, type Segment,
} from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRollout, aRule, compiled } from '../../helpers/builders.ts';
import { conditionText } from '../../../shared/rules/analyze/describe.ts';

type Segments = Record<string, Segment>;

const conflictsOf = (rules: Rule[], segments?: Segments, overrides: Partial<FlagInput> = {}): Issue[] =>
  analyze(FlagSchema.parse(aFlag({ rules, ...overrides })), segments ? { segments } : {}).conflicts;

const withCode = (issues: readonly Issue[], code: IssueCode) => issues.filter((i) => i.code === code);
const pathsOf = (issues: readonly Issue[], code: IssueCode) => withCode(issues, code).map((i) => i.path);

const country = (...values: string[]) => aClause('geo.country', 'in', values);
const serving = (variant: string) => ({ serve: { variant } }) as const;

describe('unreachable rules', () => {
  it('reports every rule after a rule without conditions', () => {
    const issues = conflictsOf([aRule(undefined, { id: 'all' }), aRule(country('DE'), { id: 'de' }), aRule(undefined, { id: 'rest' })]);
    assert.deepEqual(pathsOf(issues, 'UNREACHABLE_RULE'), ['/rules/1', '/rules/2']);
    assert.equal(issues[0]!.message, "Rule 'de' can never serve: rule 'all' comes first and matches every user (it has no conditions).");
  });

  it('reports a rule after one whose conditions hold for everyone', () => {
    const issues = conflictsOf([aRule({ not: { any: [] } }, { id: 'all' }), aRule(country('DE'), { id: 'de' })]);
    assert.match(withCode(issues, 'UNREACHABLE_RULE')[0]!.message, /its conditions hold for everyone/);
  });

  it('reports a rule after a rollout that serves its first variant to users without a unit', () => {
    const everyone = aRule(undefined, { id: 'ramp', serve: aRollout({ on: 50, off: 50 }, { whenUnitMissing: 'first_variant' }) });
    assert.deepEqual(pathsOf(conflictsOf([everyone, aRule(country('DE'), { id: 'de' })]), 'UNREACHABLE_RULE'), ['/rules/1']);
  });

  it('reports a rule whose clauses contradict each other', () => {
    const issues = conflictsOf([aRule({ all: [country('US'), country('DE')] }, { id: 'x' })]);
    assert.deepEqual(withCode(issues, 'UNREACHABLE_RULE'), [
      { path: '/rules/0', code: 'UNREACHABLE_RULE', message: "Rule 'x' can never serve: geo.country in [US] and geo.country in [DE] can never both be true." },
    ]);
  });

  it('reports a rule with an empty any group', () => {
    const issues = conflictsOf([aRule({ all: [country('DE'), { any: [] }] }, { id: 'x' })]);
    assert.match(withCode(issues, 'UNREACHABLE_RULE')[0]!.message, /empty 'any' group, which matches no one/);
  });

  it('reports a rule none of whose alternatives fit its other clauses', () => {
    const when = { all: [country('US'), { any: [country('DE'), country('FR')] }] };
    assert.match(withCode(conflictsOf([aRule(when, { id: 'x' })]), 'UNREACHABLE_RULE')[0]!.message, /none of the alternatives/);
  });

  it('reports a rule with a clause that is never true on its own', () => {
    assert.match(conflictsOf([aRule(aClause('tags', 'size_lt', 0))])[0]!.message, /tags has size < 0 can never be true/);
    assert.equal(pathsOf(conflictsOf([aRule(aClause('targetingKey', 'in_rollout', { salt: 's', percent: 0 }))]), 'UNREACHABLE_RULE').length, 1);
  });

  it('reports a rule whose list is ruled out value by value', () => {
    const when = { all: [country('DE', 'FR'), aClause('geo.country', 'neq', 'DE'), aClause('geo.country', 'neq', 'FR')] };
    assert.match(withCode(conflictsOf([aRule(when)]), 'UNREACHABLE_RULE')[0]!.message, /no value of geo.country satisfies all of/);
  });

  it('does not report rules after a catch-all rule with a schedule', () => {
    const issues = conflictsOf([aRule(undefined, { id: 'all', schedule: { from: '2026-01-01T00:00:00Z' } }), aRule(country('DE'), { id: 'de' })]);
    assert.deepEqual(issues, []);
  });

  it('does not report rules after a catch-all rollout that skips users without a unit', () => {
    const ramp = aRule(undefined, { id: 'ramp', serve: aRollout({ on: 50, off: 50 }) });
    assert.deepEqual(conflictsOf([ramp, aRule(country('DE'), { id: 'de' }), aRule(undefined, { id: 'rest' })]), []);
  });

  it('does not report a rule whose any group keeps one possible alternative', () => {
    const when = { all: [country('US'), { any: [country('DE'), aClause('plan', 'eq', 'pro')] }] };
    assert.deepEqual(pathsOf(conflictsOf([aRule(when)]), 'UNREACHABLE_RULE'), []);
  });
});

describe('shadowed rules', () => {
  it('reports a rule whose countries are a subset of an earlier rule', () => {
    const issues = conflictsOf([aRule(country('DE', 'FR'), { id: 'eu' }), aRule(country('DE'), { id: 'beta-de' })]);
    assert.deepEqual(issues, [
      {
        path: '/rules/1',
        code: 'SHADOWED_RULE',
        message: "Rule 'beta-de' can never serve: every user it matches (geo.country in [DE]) is already matched by rule 'eu' (geo.country in [DE, FR]), which comes first.",
      },
    ]);
  });

  it('reports a rule covered by several earlier rules together', () => {
    const issues = conflictsOf([aRule(country('DE'), { id: 'de' }), aRule(country('FR'), { id: 'fr' }), aRule(country('DE', 'FR'), { id: 'both' })]);
    assert.match(withCode(issues, 'SHADOWED_RULE')[0]!.message, /already matched by rule 'de' \(geo.country in \[DE\]\) or rule 'fr' \(geo.country in \[FR\]\), which come first/);
  });

  it('reports a rule with any alternatives each covered by an earlier rule', () => {
    const issues = conflictsOf([aRule(country('DE'), { id: 'de' }), aRule(aClause('plan', 'eq', 'pro'), { id: 'pro' }), aRule({ any: [country('DE'), aClause('plan', 'eq', 'pro')] }, { id: 'x' })]);
    assert.deepEqual(pathsOf(issues, 'SHADOWED_RULE'), ['/rules/2']);
  });

  it('reports through a segment resolved by options.segments', () => {
    const segments = { eu: { key: 'eu', when: country('DE', 'FR', 'NL') } };
    assert.deepEqual(pathsOf(conflictsOf([aRule({ segment: 'eu' }, { id: 'eu' }), aRule(country('NL'), { id: 'nl' })], segments), 'SHADOWED_RULE'), ['/rules/1']);
  });

  it('reports a rule repeating an earlier unknown segment, or one with an any group', () => {
    const staff = { all: [{ segment: 'staff' }, aClause('plan', 'eq', 'pro')] };
    assert.deepEqual(pathsOf(conflictsOf([aRule({ segment: 'staff' }, { id: 'a' }), aRule(staff, { id: 'b' })]), 'SHADOWED_RULE'), ['/rules/1']);
    const segments = { mixed: { key: 'mixed', when: { any: [country('DE'), aClause('plan', 'eq', 'pro')] } } };
    assert.deepEqual(pathsOf(conflictsOf([aRule({ segment: 'mixed' }, { id: 'a' }), aRule({ segment: 'mixed' }, { id: 'b' })], segments), 'SHADOWED_RULE'), ['/rules/1']);
  });

  it('reports a rule that always has the unit an earlier rollout buckets by', () => {
    const ramp = aRule(undefined, { id: 'ramp', serve: aRollout({ on: 50, off: 50 }) });
    const issues = conflictsOf([ramp, aRule(aClause('targetingKey', 'starts_with', 'user-'), { id: 'users' })]);
    assert.match(withCode(issues, 'SHADOWED_RULE')[0]!.message, /rule 'ramp' \(everyone, when targetingKey is set\)/);
  });

  it('reports a rule covered by an earlier rollout that serves users without a unit', () => {
    const ramp = aRule(country('DE', 'FR'), { id: 'ramp', serve: aRollout({ on: 50, off: 50 }, { whenUnitMissing: 'first_variant' }) });
    const issues = conflictsOf([ramp, aRule(country('DE'), { id: 'de' })]);
    assert.match(withCode(issues, 'SHADOWED_RULE')[0]!.message, /by rule 'ramp' \(geo.country in \[DE, FR\]\), which/);
  });

  it('does not report a rule that may lack the unit an earlier rollout buckets by', () => {
    const ramp = aRule(undefined, { id: 'ramp', serve: aRollout({ on: 50, off: 50 }) });
    assert.deepEqual(conflictsOf([ramp, aRule(aClause('targetingKey', 'exists'), { id: 'keyed' })]), []);
    assert.deepEqual(conflictsOf([ramp, aRule(aClause('targetingKey', 'eq', true), { id: 'odd' })]), []);
  });

  it('gives up, reporting nothing, on conditions past its reasoning budget', () => {
    const groups = Array.from({ length: 12 }, (_, i) => ({ any: [aClause(`a${i}`, 'eq', 1), aClause(`b${i}`, 'eq', 1)] }));
    const issues = conflictsOf([aRule(aClause('plan', 'eq', 'pro'), { id: 'pro' }), aRule({ all: [...groups, country('DE')] }, { id: 'wide' })]);
    assert.deepEqual(issues, []);
  });

  it('does not report when the earlier rule has a schedule', () => {
    assert.deepEqual(conflictsOf([aRule(country('DE', 'FR'), { id: 'eu', schedule: { until: '2027-01-01T00:00:00Z' } }), aRule(country('DE'), { id: 'de' })]), []);
  });

  it('does not report when the earlier rule only narrows the later one', () => {
    assert.deepEqual(pathsOf(conflictsOf([aRule(country('DE'), { id: 'de' }), aRule(country('DE', 'FR'), { id: 'eu' })]), 'SHADOWED_RULE'), []);
  });

  it('does not report when an any alternative escapes every earlier rule', () => {
    const later = aRule({ any: [country('DE'), aClause('plan', 'eq', 'pro')] }, { id: 'x' });
    assert.deepEqual(pathsOf(conflictsOf([aRule(country('DE'), { id: 'de' }), later]), 'SHADOWED_RULE'), []);
  });

  it('does not report through a segment it cannot see', () => {
    assert.deepEqual(conflictsOf([aRule({ segment: 'eu' }, { id: 'eu' }), aRule(country('NL'), { id: 'nl' })]), []);
  });

  const implied: [string, Clause | Condition, Clause | Condition][] = [
    ['an identical clause', aClause('plan', 'eq', 'pro'), aClause('plan', 'eq', 'pro')],
    ['eq x within in [..x..]', country('DE', 'FR'), aClause('geo.country', 'eq', 'DE')],
    ['a folded eq within a folded eq', aClause('plan', 'eq', 'PRO', true), aClause('plan', 'eq', 'pro', true)],
    ['an exact string within a folded list', aClause('plan', 'in', ['PRO'], true), aClause('plan', 'eq', 'pro')],
    ['a numeric string within the same number', aClause('age', 'eq', 30), aClause('age', 'eq', '30')],
    ['a number within an interval', aClause('age', 'gte', 18), aClause('age', 'in', [18, 40])],
    ['a numeric string within an interval', aClause('age', 'gt', 18), aClause('age', 'eq', '30')],
    ['a closed point interval within eq', aClause('age', 'eq', 5), aClause('age', 'between', [5, 5])],
    ['an interval within a wider one', aClause('age', 'between', [18, 65]), aClause('age', 'between', [20, 30])],
    ['gt within gte', aClause('age', 'gte', 18), aClause('age', 'gt', 18)],
    ['two bounds together within an interval', aClause('age', 'between', [18, 65]), { all: [aClause('age', 'gte', 20), aClause('age', 'lt', 30)] }],
    ['a longer prefix', aClause('email', 'starts_with', 'admin'), aClause('email', 'starts_with', 'admin-eu')],
    ['a longer suffix', aClause('email', 'ends_with', '.com'), aClause('email', 'ends_with', '@acme.com')],
    ['a prefix holding a substring', aClause('email', 'contains', 'acme'), aClause('email', 'starts_with', 'acme-')],
    ['a folded substring of a folded substring', aClause('email', 'contains', 'ACME', true), aClause('email', 'contains', 'x-acme-y', true)],
    ['any text within contains ""', aClause('email', 'contains', ''), aClause('email', 'ends_with', 'x')],
    ['a string value with the prefix', aClause('email', 'starts_with', 'a'), aClause('email', 'eq', 'ab')],
    ['a semver range within a wider one', aClause('v', 'semver_gte', '2.0.0'), aClause('v', 'semver_between', ['2.1.0', '3.0.0'])],
    ['semver_eq within semver_lte', aClause('v', 'semver_lte', '2.0.0'), aClause('v', 'semver_eq', 'v1.9.9')],
    ['a version string within a semver range', aClause('v', 'semver_gt', '1.0.0'), aClause('v', 'eq', '1.2.0')],
    ['any positive clause within exists', aClause('email', 'exists'), aClause('email', 'matches', '^a')],
    ['not_in within a smaller not_in', aClause('geo.country', 'not_in', ['US']), aClause('geo.country', 'not_in', ['US', 'CA'])],
    ['a value outside a not_in', aClause('geo.country', 'not_in', ['US']), country('DE')],
    ['not_exists within not_exists', aClause('email', 'not_exists'), aClause('email', 'not_exists')],
    ['a nested all, flattened', { all: [country('DE', 'FR'), aClause('plan', 'eq', 'pro')] }, { all: [{ all: [aClause('plan', 'eq', 'pro')] }, country('FR')] }],
    ['an earlier any with one implied branch', { any: [country('DE'), aClause('plan', 'eq', 'pro')] }, aClause('plan', 'eq', 'pro')],
    ['not any, by De Morgan', { not: { any: [country('US'), country('CA')] } }, { all: [{ not: country('US') }, { not: country('CA') }] }],
    ['contains_all within contains_any', aClause('tags', 'contains_any', ['a', 'b']), aClause('tags', 'contains_all', ['b', 'c'])],
    ['contains_any within a wider contains_any', aClause('tags', 'contains_any', ['a', 'b']), aClause('tags', 'contains_any', ['a'])],
    ['contains_all within a smaller contains_all', aClause('tags', 'contains_all', ['a']), aClause('tags', 'contains_all', ['a', 'b'])],
    ['contains_any of one within contains_all of it', aClause('tags', 'contains_all', ['a']), aClause('tags', 'contains_any', ['a'])],
    ['a size within a size range', aClause('tags', 'size_gt', 1), aClause('tags', 'size_eq', 3)],
    ['a smaller rollout of the same salt', aClause('targetingKey', 'in_rollout', { salt: 's', percent: 20 }), aClause('targetingKey', 'in_rollout', { salt: 's', percent: 10 })],
    ['a number within a list', aClause('age', 'in', [5, 6]), aClause('age', 'eq', 5)],
    ['a numeric string within a list of numbers', aClause('age', 'in', [5, 6]), aClause('age', 'eq', '6')],
    ['a folded value within a folded list', aClause('plan', 'in', ['PRO', 'free'], true), aClause('plan', 'eq', 'Pro', true)],
    ['a boolean within a list of booleans', aClause('beta', 'in', [true, false]), aClause('beta', 'eq', false)],
    ['anything within the negation of an impossible clause', { not: aClause('tags', 'size_lt', 0) }, aClause('tags', 'size_eq', 1)],
    ['the same time window', aClause(undefined, 'time_window', { from: '09:00', to: '17:00', tz: 'UTC' }), aClause(undefined, 'time_window', { from: '09:00', to: '17:00', tz: 'UTC' })],
  ];
  for (const [title, earlier, later] of implied) {
    it(`reports ${title}`, () => {
      assert.deepEqual(pathsOf(conflictsOf([aRule(earlier, { id: 'a' }), aRule(later, { id: 'b' })]), 'SHADOWED_RULE'), ['/rules/1']);
    });
  }

  const notImplied: [string, Clause | Condition, Clause | Condition][] = [
    ['a number against a numeric string', aClause('age', 'eq', '30'), aClause('age', 'eq', 30)],
    ['a folded value against an exact one', aClause('plan', 'eq', 'pro'), aClause('plan', 'eq', 'pro', true)],
    ['a folded value against an exact list', aClause('plan', 'in', ['pro', 'Pro', 'PRO']), aClause('plan', 'eq', 'pro', true)],
    ['a number against a list of strings', aClause('age', 'in', ['5']), aClause('age', 'eq', 5)],
    ['prefixes folded differently', aClause('email', 'starts_with', 'a'), aClause('email', 'starts_with', 'ab', true)],
    ['a shorter prefix', aClause('email', 'starts_with', 'admin-eu'), aClause('email', 'starts_with', 'admin')],
    ['a suffix against a prefix', aClause('email', 'starts_with', 'a'), aClause('email', 'ends_with', 'a')],
    ['a wider interval', aClause('age', 'gt', 18), aClause('age', 'gte', 18)],
    ['lte against lt', aClause('age', 'lt', 65), aClause('age', 'lte', 65)],
    ['an equality against an array operator', aClause('tags', 'contains_any', ['a']), aClause('tags', 'eq', 'a')],
    ['an open interval', aClause('age', 'lt', 65), aClause('age', 'gt', 18)],
    ['a string value outside the interval', aClause('age', 'gt', 18), aClause('age', 'eq', 'ten')],
    ['a folded value within an interval', aClause('age', 'gt', 18), aClause('age', 'eq', '30', true)],
    ['a folded version within a range', aClause('v', 'semver_gt', '1.0.0'), aClause('v', 'eq', '1.2.0', true)],
    ['a text clause against a value', aClause('email', 'eq', 'ab'), aClause('email', 'starts_with', 'a')],
    ['exists against a value', aClause('email', 'eq', 'a'), aClause('email', 'exists')],
    ['a negated clause against a positive one', country('DE'), aClause('geo.country', 'not_in', ['US'])],
    ['different attributes', aClause('plan', 'eq', 'pro'), aClause('tier', 'eq', 'pro')],
    ['two different time windows', aClause(undefined, 'time_window', { from: '09:00', to: '17:00', tz: 'UTC' }), aClause(undefined, 'time_window', { from: '10:00', to: '11:00', tz: 'UTC' })],
    ['a regex against another', aClause('email', 'matches', '^a'), aClause('email', 'matches', '^ab')],
    ['rollouts of different salts', aClause('targetingKey', 'in_rollout', { salt: 's', percent: 20 }), aClause('targetingKey', 'in_rollout', { salt: 't', percent: 10 })],
    ['contains_any against contains_all of several', aClause('tags', 'contains_all', ['a', 'b']), aClause('tags', 'contains_any', ['a'])],
    ['a date against a date', aClause('signup', 'after', '2026-01-01T00:00:00Z'), aClause('signup', 'after', '2026-02-01T00:00:00Z')],
  ];
  for (const [title, earlier, later] of notImplied) {
    it(`does not report ${title}`, () => {
      assert.deepEqual(pathsOf(conflictsOf([aRule(earlier, { id: 'a' }), aRule(later, { id: 'b' })]), 'SHADOWED_RULE'), []);
    });
  }
});

describe('contradictory clauses', () => {
  it('reports country in [US] and country in [DE] under all, at the path of the group', () => {
    const issues = conflictsOf([aRule({ all: [country('US'), country('DE')] }, { id: 'x' })]);
    assert.deepEqual(withCode(issues, 'CONTRADICTORY_CLAUSES'), [
      { path: '/rules/0/when', code: 'CONTRADICTORY_CLAUSES', message: "Rule 'x' never matches: geo.country in [US] and geo.country in [DE] can never both be true." },
    ]);
  });

  it('reports clauses of nested all groups at the outermost group', () => {
    const issues = conflictsOf([aRule({ all: [country('US'), { all: [aClause('plan', 'eq', 'pro'), { not: country('US') }] }] })]);
    assert.deepEqual(pathsOf(issues, 'CONTRADICTORY_CLAUSES'), ['/rules/0/when']);
  });

  it('reports a contradiction inside one any alternative at that alternative', () => {
    const when = { any: [aClause('plan', 'eq', 'pro'), { all: [aClause('age', 'gt', 65), aClause('age', 'lt', 18)] }] };
    const issues = conflictsOf([aRule(when, { id: 'x' })]);
    assert.deepEqual(withCode(issues, 'CONTRADICTORY_CLAUSES'), [
      { path: '/rules/0/when/any/1', code: 'CONTRADICTORY_CLAUSES', message: "An alternative of rule 'x' never matches: age > 65 and age < 18 can never both be true." },
    ]);
    assert.deepEqual(pathsOf(issues, 'UNREACHABLE_RULE'), []);
  });

  it('names the segment a clause comes from', () => {
    const segments = { us: { key: 'us', when: country('US') } };
    const issues = conflictsOf([aRule({ all: [{ segment: 'us' }, country('DE')] })], segments);
    assert.match(withCode(issues, 'CONTRADICTORY_CLAUSES')[0]!.message, /geo.country in \[US\] \(in segment 'us'\) and geo.country in \[DE\]/);
  });

  const contradictory: [string, Condition[]][] = [
    ['eq a and eq b', [aClause('plan', 'eq', 'a'), aClause('plan', 'eq', 'b')]],
    ['folded values that differ', [aClause('plan', 'eq', 'a', true), aClause('plan', 'eq', 'B')]],
    ['a number and a string that is not that number', [aClause('age', 'eq', 30), aClause('age', 'eq', '31')]],
    ['a boolean and a string', [aClause('beta', 'eq', true), aClause('beta', 'eq', 'true')]],
    ['true and false', [aClause('beta', 'eq', true), aClause('beta', 'eq', false)]],
    ['numeric intervals that do not meet', [aClause('age', 'gt', 65), aClause('age', 'lt', 18)]],
    ['intervals that touch at an open end', [aClause('age', 'between', [1, 5]), aClause('age', 'gt', 5)]],
    ['a value outside an interval', [aClause('age', 'eq', 10), aClause('age', 'gte', 18)]],
    ['a non-numeric string and an interval', [aClause('age', 'in', ['young']), aClause('age', 'gte', 18)]],
    ['a folded word and an interval', [aClause('age', 'eq', 'young', true), aClause('age', 'gte', 18)]],
    ['exists and not_exists', [aClause('email', 'exists'), aClause('email', 'not_exists')]],
    ['a clause and its not', [aClause('email', 'ends_with', '@acme.com'), { not: aClause('email', 'ends_with', '@acme.com') }]],
    ['in and a not_in covering it', [country('DE'), aClause('geo.country', 'not_in', ['DE', 'FR'])]],
    ['two prefixes that differ', [aClause('email', 'starts_with', 'a'), aClause('email', 'starts_with', 'b')]],
    ['two suffixes that differ', [aClause('email', 'ends_with', '.de'), aClause('email', 'ends_with', '.fr')]],
    ['a value without the prefix', [aClause('email', 'eq', 'bob'), aClause('email', 'starts_with', 'a')]],
    ['folded value and folded prefix that differ', [aClause('email', 'eq', 'Bob', true), aClause('email', 'starts_with', 'A', true)]],
    ['a number and a text clause with letters', [aClause('id', 'eq', 5), aClause('id', 'contains', 'x')]],
    ['a number range and a text clause with letters', [aClause('id', 'gt', 5), aClause('id', 'starts_with', 'user-')]],
    ['a number and a semver', [aClause('v', 'eq', 2), aClause('v', 'semver_gte', '1.0.0')]],
    ['a number range and a semver', [aClause('v', 'gt', 2), aClause('v', 'semver_gte', '1.0.0')]],
    ['a version outside a semver range', [aClause('v', 'eq', '0.9.0'), aClause('v', 'semver_gte', '1.0.0')]],
    ['a word and a semver range', [aClause('v', 'eq', 'latest'), aClause('v', 'semver_gte', '1.0.0')]],
    ['semver ranges that do not meet', [aClause('v', 'semver_lt', '1.0.0'), aClause('v', 'semver_between', ['1.0.0', '2.0.0'])]],
    ['sizes that do not meet', [aClause('tags', 'size_gt', 3), aClause('tags', 'size_lt', 2)]],
    ['an array operator and an equality', [aClause('tags', 'contains_any', ['a']), aClause('tags', 'eq', 'a')]],
    ['contains_none and contains_all of the same', [aClause('tags', 'contains_none', ['a', 'b']), aClause('tags', 'contains_all', ['a'])]],
    ['a segment and its not', [{ segment: 'staff' }, { not: { segment: 'staff' } }]],
  ];
  for (const [title, clauses] of contradictory) {
    it(`reports ${title}`, () => {
      assert.deepEqual(pathsOf(conflictsOf([aRule({ all: clauses })]), 'CONTRADICTORY_CLAUSES'), ['/rules/0/when']);
    });
  }

  const compatible: [string, Condition[]][] = [
    ['clauses on different attributes', [country('US'), aClause('plan', 'eq', 'pro')]],
    ['lists that intersect', [country('US', 'DE'), country('DE', 'FR')]],
    ['a number and its numeric string', [aClause('age', 'eq', 30), aClause('age', 'eq', '30')]],
    ['a numeric string and an interval containing it', [aClause('age', 'eq', '30'), aClause('age', 'gt', 18)]],
    ['a folded numeric string and a number', [aClause('age', 'eq', '1e1', true), aClause('age', 'eq', 10)]],
    ['a folded numeric string and an interval', [aClause('age', 'eq', '1e1', true), aClause('age', 'gt', 5)]],
    ['an exact and a folded value alike', [aClause('plan', 'eq', 'PRO'), aClause('plan', 'eq', 'pro', true)]],
    ['an interval with room inside', [aClause('age', 'gt', 5), aClause('age', 'lt', 6)]],
    ['exists and a value', [aClause('email', 'exists'), aClause('email', 'eq', 'a')]],
    ['not_exists and not_in', [aClause('email', 'not_exists'), aClause('email', 'not_in', ['a'])]],
    ['nested prefixes', [aClause('email', 'starts_with', 'ab'), aClause('email', 'starts_with', 'a')]],
    ['prefixes folded differently', [aClause('email', 'starts_with', 'a'), aClause('email', 'starts_with', 'B', true)]],
    ['a folded value and an exact prefix', [aClause('email', 'eq', 'Bob', true), aClause('email', 'starts_with', 'b')]],
    ['a prefix and a suffix', [aClause('email', 'starts_with', 'a'), aClause('email', 'ends_with', 'b')]],
    ['a number and a numeric text clause', [aClause('id', 'eq', 5), aClause('id', 'contains', '5')]],
    ['a folded version and a semver range', [aClause('v', 'eq', 'V1.0.0', true), aClause('v', 'semver_gte', '1.0.0')]],
    ['a prefix and a semver range', [aClause('v', 'starts_with', 'x'), aClause('v', 'semver_gte', '1.0.0')]],
    ['semver bounds with versions between', [aClause('v', 'semver_gt', '1.0.0'), aClause('v', 'semver_lt', '1.0.1')]],
    ['in and a not_in that leaves a value', [country('DE', 'FR'), aClause('geo.country', 'not_in', ['DE'])]],
    ['two negated clauses', [aClause('email', 'not_exists'), aClause('email', 'not_contains', 'a')]],
    ['two array operators', [aClause('tags', 'contains_any', ['a']), aClause('tags', 'size_eq', 1)]],
    ['two rollouts', [aClause('targetingKey', 'in_rollout', { salt: 's', percent: 10 }), aClause('targetingKey', 'in_rollout', { salt: 't', percent: 10 })]],
    ['two different unknown segments', [{ segment: 'a' }, { not: { segment: 'b' } }]],
  ];
  for (const [title, clauses] of compatible) {
    it(`does not report ${title}`, () => {
      assert.deepEqual(pathsOf(conflictsOf([aRule({ all: clauses })]), 'CONTRADICTORY_CLAUSES'), []);
    });
  }

  it('does not report clashing clauses under any', () => {
    assert.deepEqual(conflictsOf([aRule({ any: [country('US'), country('DE')] })]), []);
  });
});

describe('overlapping rules', () => {
  const on = (when: Condition, id: string, more: Partial<Rule> = {}) => aRule(when, { id, ...serving('on'), ...more });
  const off = (when: Condition, id: string, more: Partial<Rule> = {}) => aRule(when, { id, ...serving('off'), ...more });

  it('reports lists that intersect when the rules serve different variants', () => {
    const issues = conflictsOf([on(country('DE', 'FR'), 'eu'), off(country('FR', 'AT'), 'alps')]);
    assert.deepEqual(issues, [
      {
        path: '/rules/1',
        code: 'OVERLAPPING_RULES',
        message:
          "Rules 'eu' and 'alps' overlap: users whose geo.country is FR and who meet both rules' other conditions match rule 'eu' (geo.country in [DE, FR]), which serves 'on', " +
          "and rule 'alps' (geo.country in [FR, AT]), which serves 'off'. Rule 'eu' comes first, so they get 'on'; rule 'alps' serves 'off' only to its users that rule 'eu' does not match.",
      },
    ]);
  });

  it('reports an overlap when the other shared attributes are compatible', () => {
    const earlier = on({ all: [country('DE', 'FR'), aClause('age', 'gte', 18), aClause('email', 'ends_with', '@acme.com')] }, 'a');
    const later = off({ all: [country('FR', 'NL'), aClause('age', 'lt', 30), aClause('plan', 'neq', 'free'), aClause('email', 'starts_with', 'x'), aClause('tags', 'contains_all', ['a', 'b']), aClause('seen', 'exists')] }, 'b');
    assert.deepEqual(pathsOf(conflictsOf([earlier, later]), 'OVERLAPPING_RULES'), ['/rules/1']);
  });

  it('reports rules whose schedules are active together', () => {
    const issues = conflictsOf([on(country('DE', 'FR'), 'a', { schedule: { until: '2026-06-01T00:00:00Z' } }), off(country('FR', 'AT'), 'b', { schedule: { from: '2026-05-01T00:00:00Z' } })]);
    assert.deepEqual(pathsOf(issues, 'OVERLAPPING_RULES'), ['/rules/1']);
  });

  it('lists every shared value', () => {
    const issues = conflictsOf([on(country('DE', 'FR', 'NL'), 'a'), off(country('FR', 'NL', 'AT'), 'b')]);
    assert.match(issues[0]!.message, /geo.country is one of \[FR, NL\]/);
  });

  it('does not report rules serving the same variant', () => {
    assert.deepEqual(conflictsOf([on(country('DE', 'FR'), 'a'), on(country('FR', 'AT'), 'b')]), []);
  });

  it('does not report lists that do not intersect', () => {
    assert.deepEqual(conflictsOf([on(country('DE'), 'a'), off(country('FR'), 'b')]), []);
  });

  it('does not report when another shared attribute keeps the audiences apart', () => {
    assert.deepEqual(conflictsOf([on({ all: [country('DE', 'FR'), aClause('plan', 'eq', 'pro')] }, 'a'), off({ all: [country('FR', 'AT'), aClause('plan', 'eq', 'free')] }, 'b')]), []);
  });

  it('does not report an earlier rule that carves an exception out of a later one', () => {
    assert.deepEqual(conflictsOf([on(country('DE'), 'de'), off(country('DE', 'FR'), 'eu')]), []);
  });

  it('does not report rules whose schedules never meet', () => {
    const issues = conflictsOf([on(country('DE', 'FR'), 'a', { schedule: { until: '2026-05-01T00:00:00Z' } }), off(country('FR', 'AT'), 'b', { schedule: { from: '2026-05-01T00:00:00Z' } })]);
    assert.deepEqual(issues, []);
  });

  it('does not report when an earlier rule already takes the shared users', () => {
    assert.deepEqual(pathsOf(conflictsOf([aRule(country('FR'), { id: 'fr', ...serving('off') }), on(country('DE', 'FR'), 'a'), off(country('FR', 'AT'), 'b')]), 'OVERLAPPING_RULES'), []);
  });

  it('does not report rules that depend on the clock, on unknown segments or on any groups', () => {
    const night = aClause(undefined, 'time_window', { from: '22:00', to: '06:00', tz: 'UTC' });
    assert.deepEqual(conflictsOf([on({ all: [country('DE', 'FR'), night] }, 'a'), off(country('FR', 'AT'), 'b')]), []);
    assert.deepEqual(conflictsOf([on({ all: [country('DE', 'FR'), aClause('signup', 'after', 'now-30d')] }, 'a'), off(country('FR', 'AT'), 'b')]), []);
    assert.deepEqual(conflictsOf([on({ all: [country('DE', 'FR'), { segment: 'vip' }] }, 'a'), off(country('FR', 'AT'), 'b')]), []);
    assert.deepEqual(conflictsOf([on({ all: [country('DE', 'FR'), { any: [aClause('a', 'exists'), aClause('b', 'exists')] }] }, 'a'), off(country('FR', 'AT'), 'b')]), []);
  });

  it('does not report when it cannot tell whether an earlier rule takes the shared users', () => {
    const segments = { loop: { key: 'loop', when: { segment: 'loop' } } };
    const unsure: Condition[] = [
      { any: [aClause('plan', 'eq', 'x'), { not: { segment: 'unknown' } }] },
      { all: [aClause('plan', 'neq', 'x'), { segment: 'loop' }] },
      aClause('signup', 'between_dates', ['now-30d', 'now']),
    ];
    for (const when of unsure) assert.deepEqual(pathsOf(conflictsOf([off(when, 'first'), on(country('DE', 'FR'), 'a'), off(country('FR', 'AT'), 'b')], segments), 'OVERLAPPING_RULES'), []);
  });

  it('reports when every earlier rule provably misses the shared users', () => {
    const earlier: Condition[] = [
      { any: [aClause('plan', 'eq', 'x'), { not: aClause('plan', 'not_exists') }] },
      { all: [aClause('signup', 'before', '2020-01-01T00:00:00Z'), { segment: 'loop' }] },
      { segment: 'nobody' },
    ];
    const segments = { nobody: { key: 'nobody', when: aClause('plan', 'eq', 'x') }, loop: { key: 'loop', when: { segment: 'loop' } } };
    for (const when of earlier) assert.deepEqual(pathsOf(conflictsOf([off(when, 'first'), on(country('DE', 'FR'), 'a'), off(country('FR', 'AT'), 'b')], segments), 'OVERLAPPING_RULES'), ['/rules/2']);
  });

  it('stops looking once its effort runs out, so the largest flags stay fast', () => {
    const values = (k: number) => Array.from({ length: 300 }, (_, i) => `c${(i * 7 + k * 13) % 450}`);
    const rules = Array.from({ length: 50 }, (_, k) => aRule({ all: [aClause('country', 'in', values(k)), aClause('plan', 'not_in', values(k + 1))] }, { id: `r${k}`, ...serving(k % 2 ? 'on' : 'off') }));
    const started = performance.now();
    const found = pathsOf(conflictsOf(rules), 'OVERLAPPING_RULES');
    assert.ok(found.length > 0 && found.length < 25 * 49, `${found.length} overlaps`);
    assert.ok(performance.now() - started < 2000);
  });

  it('does not report rollouts', () => {
    assert.deepEqual(conflictsOf([on(country('DE', 'FR'), 'a'), aRule(country('FR', 'AT'), { id: 'b', serve: aRollout({ on: 50, off: 50 }) })]), []);
  });

  it('reports through segments it can evaluate', () => {
    const segments = { eu: { key: 'eu', when: country('DE', 'FR') } };
    assert.deepEqual(pathsOf(conflictsOf([on({ segment: 'eu' }, 'a'), off({ all: [country('FR', 'AT'), aClause('tier', 'semver_gte', '1.0.0')] }, 'b')], segments), 'OVERLAPPING_RULES'), ['/rules/1']);
  });
});

describe('unused variants', () => {
  const flagWith = (rules: Rule[]) => ({ variants: { on: true, off: false, beta: 'beta' } as Record<string, boolean | string>, rules });

  it('reports a variant that no rule, default or off variant serves', () => {
    const issues = analyze(FlagSchema.parse(aFlag(flagWith([aRule(country('DE'))])))).conflicts;
    assert.deepEqual(issues, [
      { path: '/variants/beta', code: 'UNUSED_VARIANT', message: "Variant 'beta' is never served: no rule serves it, and it is neither the default nor the off variant." },
    ]);
  });

  it('reports a variant only unreachable rules or empty split shares name', () => {
    const rules = [aRule(undefined, { id: 'all' }), aRule(country('DE'), { id: 'late', ...serving('beta') })];
    assert.match(analyze(FlagSchema.parse(aFlag(flagWith(rules)))).conflicts.at(-1)!.message, /rule 'late' names it but can never serve it/);
    const split = [aRule(country('DE'), { id: 'a', serve: aRollout({ on: 100, beta: 0 }) }), aRule(country('FR'), { id: 'b', serve: aRollout({ on: 100, beta: 0 }) })];
    assert.match(analyze(FlagSchema.parse(aFlag(flagWith(split)))).conflicts.at(-1)!.message, /rules 'a', 'b' name it/);
  });

  it('does not report variants a split, its first-variant fallback or the default serves', () => {
    const split = aRule(country('DE'), { id: 'a', serve: aRollout({ on: 100, beta: 0 }, { whenUnitMissing: 'first_variant' }) });
    assert.deepEqual(analyze(FlagSchema.parse(aFlag({ ...flagWith([split]), defaultVariant: 'beta' }))).conflicts, []);
    const shares = aRule(country('DE'), { id: 'b', serve: aRollout({ on: 50, beta: 50 }) });
    assert.deepEqual(analyze(FlagSchema.parse(aFlag(flagWith([shares])))).conflicts, []);
  });
});

describe('validate with analysis', () => {
  it('appends the conflicts to the warnings of a valid flag', () => {
    const result = validate(aFlag({ rules: [aRule(country('DE', 'FR'), { id: 'eu' }), aRule(country('DE'), { id: 'de' })] }));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings.map((w) => w.code), ['SHADOWED_RULE']);
  });

  it('passes its segments to the analysis', () => {
    const segments = { eu: { key: 'eu', when: country('DE', 'FR') } };
    const doc = aFlag({ rules: [aRule({ segment: 'eu' }, { id: 'eu' }), aRule(country('DE'), { id: 'de' })] });
    assert.deepEqual(validate(doc).warnings, []);
    assert.deepEqual(validate(doc, { segments }).warnings.map((w) => w.code), ['SHADOWED_RULE']);
  });

  it('does not analyse an invalid flag', () => {
    const result = validate(aFlag({ rules: [aRule(country('DE'), { id: 'a' }), aRule(country('DE'), { id: 'a' })] }));
    assert.deepEqual(result.warnings, []);
    assert.equal(result.errors[0]!.code, 'DUPLICATE_RULE_ID');
  });

  it('never throws on a flag with malformed operands', () => {
    const when = { all: [country('DE', 'FR'), aClause('v', 'eq', '1.0.0'), aClause('v', 'semver_gt', 'nope')] };
    const flag = FlagSchema.parse(aFlag({ rules: [aRule(when, { id: 'a' }), aRule(country('FR', 'AT'), { id: 'b', ...serving('off') })] }));
    assert.deepEqual(analyze(flag).conflicts, []);
  });
});

describe('soundness against the interpreter', () => {
  // Seeded, so a failure reproduces: small random rule pairs over a few attributes and values.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const VALUES = ['DE', 'FR', 'de', 5, '5', 10, 'ab', 'abc', 'b', true, '1.2.0', '2.0.0'];
  const clause = (): Condition => {
    const attr = choose(['a', 'b']);
    const c = choose<Clause>([
      aClause(attr, 'eq', choose(VALUES)), aClause(attr, 'neq', choose(VALUES)), aClause(attr, 'in', [choose(VALUES), choose(VALUES)]),
      aClause(attr, 'not_in', [choose(VALUES)]), aClause(attr, 'eq', choose(['DE', 'ab']), true), aClause(attr, 'gt', choose([4, 5, 9])),
      aClause(attr, 'lte', choose([5, 10])), aClause(attr, 'between', [5, 10]), aClause(attr, 'starts_with', choose(['a', 'ab', 'D'])),
      aClause(attr, 'ends_with', choose(['b', 'c'])), aClause(attr, 'semver_gte', '1.5.0'), aClause(attr, 'exists'), aClause(attr, 'not_exists'),
    ]);
    return random() < 0.2 ? { not: c } : c;
  };
  const condition = (): Condition => ({ all: [clause(), clause()] });
  const contexts = [...VALUES, undefined, 7, '7', 'DEX', 'xyz', '1.9.0'].flatMap((a) => [...VALUES, undefined, 'zz'].map((b) => ({ a, b })));
  const matcher = (when: Condition) => {
    const flag = compiled(aFlag({ rules: [aRule(when, { id: 'r' })] }));
    return (context: object) => evaluate(flag, context, { now: 0 }).reason === 'TARGETING_MATCH';
  };

  it('reports nothing the evaluator contradicts on 300 random rule pairs', () => {
    let reported = 0;
    for (let n = 0; n < 300; n++) {
      const [first, second] = [condition(), condition()];
      const issues = conflictsOf([aRule(first, { id: 'x' }), aRule(second, { id: 'y', ...serving('off') })]);
      if (issues.length === 0) continue;
      const [x, y] = [matcher(first), matcher(second)];
      for (const found of issues) {
        reported++;
        const target = found.path.startsWith('/rules/0') ? x : y;
        if (found.code === 'CONTRADICTORY_CLAUSES' || found.code === 'UNREACHABLE_RULE') {
          assert.ok(!contexts.some(target), `${found.message} ${JSON.stringify([first, second])}`);
        }
        if (found.code === 'SHADOWED_RULE') assert.ok(contexts.every((c) => !y(c) || x(c)), `${found.message} ${JSON.stringify([first, second])}`);
        if (found.code === 'OVERLAPPING_RULES') assert.ok(contexts.some((c) => x(c) && y(c)), found.message);
      }
    }
    // The check means something only if the analysis found plenty to check.
    assert.ok(reported > 50, `only ${reported} conflicts reported`);
  });
});

describe('conflict messages', () => {
  const rows: [Condition | undefined, string][] = [
    [undefined, 'everyone'],
    [{ all: [] }, 'everyone'],
    [{ any: [] }, 'no one'],
    [{ not: { all: [aClause('a', 'eq', 1), aClause('b', 'exists')] } }, 'not (a is 1 and b is set)'],
    [{ any: [{ all: [aClause('a', 'eq', 'x'), aClause('b', 'eq', 'y')] }, { segment: 'staff' }] }, '(a is x and b is y) or in segment \'staff\''],
    [aClause('age', 'between', [18, 65]), 'age between 18 and 65'],
    [aClause('plan', 'eq', 'Pro', true), 'plan is Pro (ignoring case)'],
    [aClause('beta', 'eq', null), 'beta is null'],
    [aClause(undefined, 'time_window', { days: ['sat', 'sun'], from: '09:00', to: '17:00', tz: 'UTC' }), 'the time is 09:00–17:00 on sat, sun (UTC)'],
    [aClause(undefined, 'time_window', { from: '09:00', to: '17:00' }), 'the time is 09:00–17:00 (nothing)'],
    [aClause('geo', 'within_radius', { lat: 52.5, lon: 13.4, km: 10 }), 'geo within 10 km of 52.5, 13.4'],
    [aClause('targetingKey', 'in_rollout', { salt: 's', percent: 10 }), "targetingKey in the 10% rollout 's'"],
    [aClause('meta', 'eq', { a: 1 }), 'meta is {"a":1}'],
    [aClause('id', 'in', Array.from({ length: 12 }, (_, i) => i)), 'id in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 2 more]'],
  ];
  for (const [condition, text] of rows) {
    it(`reads ${JSON.stringify(condition)} as "${text}"`, () => {
      assert.equal(conditionText(condition), text);
    });
  }

  it('cuts a long condition to 200 characters', () => {
    const text = conditionText(aClause('email', 'eq', 'x'.repeat(300)));
    assert.equal(text.length, 200);
    assert.ok(text.endsWith('…'));
  });
});
