// The operator semantics table of shared/rules/README.md as one table-driven test: each row runs
// through the compiled matcher and the reference interpreter, and the negated twin must disagree.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NEGATION_PAIRS, OPERATORS, type Operator } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRule, evaluateBoth } from '../../helpers/builders.ts';

type Options = {
  readonly ci?: boolean;
  /** RFC 3339; 2026-03-10T12:00:00Z (a Tuesday) otherwise. */
  readonly now?: string;
  /** The attribute path; `a` otherwise. */
  readonly attr?: string;
  /** The whole context, for rows about attribute paths. */
  readonly context?: Record<string, unknown>;
};

/** `[op, operand, attribute value, options?, expected]`; an attribute value of `undefined` is absent. */
type Row = readonly [Operator, unknown, unknown, boolean] | readonly [Operator, unknown, unknown, Options, boolean];

const BERLIN = { lat: 52.52, lon: 13.405 };
const POTSDAM = { lat: 52.3906, lon: 13.0645 }; // 27.2 km from Berlin
const WEEKDAYS_9_TO_5 = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', tz: 'Europe/Berlin' };
const JANUARY = ['2026-01-01T00:00:00Z', '2026-01-31T23:59:59Z'];

// prettier-ignore
const ROWS: readonly Row[] = [
  // equality and sets
  ['eq', 'US', 'US', true],
  ['eq', 'US', 'us', false],
  ['eq', 'US', 'us', { ci: true }, true],
  ['eq', 'straße', 'STRASSE', { ci: true }, false],
  ['eq', 'é', 'e\u0301', false],
  ['eq', 5, 5, true],
  ['eq', 5, '5', true],
  ['eq', 5, '5.0', true],
  ['eq', 5, '05', false],
  ['eq', 5, ' 5', false],
  ['eq', '5', 5, false],
  ['eq', true, true, true],
  ['eq', true, 'true', false],
  ['eq', true, 1, false],
  ['eq', 1, true, false],
  ['eq', 0, null, false],
  ['eq', 0, undefined, false],
  ['eq', 'US', ['US'], false],
  ['eq', 'DE', undefined, { attr: 'geo.country', context: { geo: { country: 'DE' } } }, true],
  ['eq', 'DE', undefined, { attr: 'geo.country', context: { 'geo.country': 'DE' } }, true],
  ['eq', 3, undefined, { attr: 'a.length', context: { a: 'xyz' } }, false],
  ['neq', 'US', 'DE', true],
  ['neq', 'US', 'US', false],
  ['neq', 'US', undefined, true],
  ['neq', 'US', null, true],
  ['neq', 5, '5', false],
  ['in', ['US', 'CA'], 'US', true],
  ['in', ['US', 'CA'], 'DE', false],
  ['in', ['US', 'CA'], 'us', false],
  ['in', ['US', 'CA'], 'us', { ci: true }, true],
  ['in', [1, 2], '2', true],
  ['in', ['1', '2'], 2, false],
  ['in', [true], true, true],
  ['in', [1], true, false],
  ['in', ['US'], undefined, false],
  ['in', ['US'], ['US'], false],
  ['not_in', ['US', 'CA'], 'DE', true],
  ['not_in', ['US', 'CA'], 'US', false],
  ['not_in', ['US'], undefined, true],
  ['not_in', ['US'], null, true],
  ['not_in', ['US'], 'us', { ci: true }, false],
  // strings
  ['contains', '@example', 'ann@example.com', true],
  ['contains', '@example', 'ann@other.com', false],
  ['contains', 'EXAMPLE', 'ann@example.com', false],
  ['contains', 'EXAMPLE', 'ann@example.com', { ci: true }, true],
  ['contains', '', 'anything', true],
  ['contains', '1', 123, false],
  ['contains', 'a', ['a'], false],
  ['contains', 'a', undefined, false],
  ['not_contains', 'test', 'prod-1', true],
  ['not_contains', 'test', 'test-1', false],
  ['not_contains', 'test', undefined, true],
  ['not_contains', '1', 123, true],
  ['starts_with', 'admin-', 'admin-ann', true],
  ['starts_with', 'admin-', 'ann-admin-', false],
  ['starts_with', 'ADMIN-', 'admin-ann', { ci: true }, true],
  ['starts_with', '1', 123, false],
  ['starts_with', 'a', undefined, false],
  ['ends_with', '@example.com', 'ann@example.com', true],
  ['ends_with', '@example.com', 'ann@example.com.evil', false],
  ['ends_with', '@EXAMPLE.COM', 'ann@example.com', { ci: true }, true],
  ['ends_with', '3', 123, false],
  ['ends_with', 'x', null, false],
  ['matches', '^[a-z]+@example\\.com$', 'ann@example.com', true],
  ['matches', '^[a-z]+@example\\.com$', 'Ann@example.com', false],
  ['matches', '^[a-z]+@example\\.com$', 'Ann@example.com', { ci: true }, true],
  ['matches', '(?i)^ann', 'ANN', true],
  ['matches', '^[[:alpha:]]+$', 'abc', true],
  ['matches', '^[[:alpha:]]+$', 'abc1', false],
  ['matches', 'b', 'abc', true],
  ['matches', '^\\d+$', '12345', true],
  ['matches', '^\\d+$', 12345, false],
  ['matches', 'a', undefined, false],
  ['matches', '(a+)+$', `${'a'.repeat(30_000)}!`, false],
  // numbers
  ['gt', 10, 11, true],
  ['gt', 10, 10, false],
  ['gt', 10, '11', true],
  ['gt', 10, '1e2', true],
  ['gt', 10, ' 11', false],
  ['gt', 10, '0x10', false],
  ['gt', -1, null, false],
  ['gt', 0, true, false],
  ['gt', 10, [11], false],
  ['gt', 10, undefined, false],
  ['gte', 10, 10, true],
  ['gte', 10, 9.999, false],
  ['gte', 10, '10', true],
  ['lt', 0, -0.5, true],
  ['lt', 0, 0, false],
  ['lt', 1, false, false],
  ['lt', 1, null, false],
  ['lt', 10, '', false],
  ['lte', 10, 10, true],
  ['lte', 10, 10.001, false],
  ['lte', 10, '-5', true],
  ['between', [1, 5], 1, true],
  ['between', [1, 5], 5, true],
  ['between', [1, 5], 3, true],
  ['between', [1, 5], '5', true],
  ['between', [1, 5], 0.999, false],
  ['between', [1, 5], 5.001, false],
  ['between', [0, 5], null, false],
  ['between', [0, 1], true, false],
  ['between', [1, 5], undefined, false],
  // dates and times (now is 2026-03-10T12:00:00Z unless the row says)
  ['before', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', true],
  ['before', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false],
  ['before', '2026-01-01T00:00:00Z', '2026-01-01T00:30:00+01:00', true],
  ['before', '2026-01-01T00:00:00Z', 1767225599999, true],
  ['before', 1767225600000, '2025-12-31T23:59:59Z', true],
  ['before', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59', false],
  ['before', '2026-01-01T00:00:00Z', '2025-12-31', false],
  ['before', '2026-01-01T00:00:00Z', '1767225599999', false],
  ['before', '2026-01-01T00:00:00Z', undefined, false],
  ['before', 'now-30d', '2026-02-01T00:00:00Z', true],
  ['before', 'now-30d', '2026-02-09T00:00:00Z', false],
  ['after', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.001Z', true],
  ['after', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false],
  ['after', 'now-2h', '2026-03-10T11:00:00Z', true],
  ['after', 'now+2h', '2026-03-10T13:00:00Z', false],
  ['after', 'now', '2026-03-10T12:00:01Z', true],
  ['after', '2026-01-01T00:00:00Z', null, false],
  ['after', '2026-01-01T00:00:00Z', true, false],
  ['between_dates', JANUARY, '2026-01-01T00:00:00Z', true],
  ['between_dates', JANUARY, '2026-01-31T23:59:59Z', true],
  ['between_dates', JANUARY, '2026-02-01T00:00:00Z', false],
  ['between_dates', JANUARY, '2026-01-15', false],
  ['between_dates', JANUARY, undefined, false],
  ['between_dates', ['now-1w', 'now'], '2026-03-03T12:00:00Z', true],
  ['between_dates', ['now-7d', 'now'], '2026-03-03T11:59:59Z', false],
  ['time_window', WEEKDAYS_9_TO_5, undefined, true],
  ['time_window', WEEKDAYS_9_TO_5, undefined, { now: '2026-03-10T08:00:00Z' }, true],
  ['time_window', WEEKDAYS_9_TO_5, undefined, { now: '2026-03-10T07:59:59Z' }, false],
  ['time_window', WEEKDAYS_9_TO_5, undefined, { now: '2026-03-10T16:00:00Z' }, false],
  ['time_window', WEEKDAYS_9_TO_5, undefined, { now: '2026-03-14T12:00:00Z' }, false],
  ['time_window', { from: '09:00', to: '17:00', tz: 'Europe/Berlin' }, undefined, { now: '2026-03-14T12:00:00Z' }, true],
  ['time_window', { days: ['fri'], from: '22:00', to: '02:00', tz: 'UTC' }, undefined, { now: '2026-03-14T01:00:00Z' }, true],
  ['time_window', { days: ['fri'], from: '22:00', to: '02:00', tz: 'UTC' }, undefined, { now: '2026-03-13T01:00:00Z' }, false],
  ['time_window', { days: ['fri'], from: '22:00', to: '02:00', tz: 'UTC' }, undefined, { now: '2026-03-13T23:00:00Z' }, true],
  ['time_window', { from: '18:00', to: '24:00', tz: 'UTC' }, undefined, { now: '2026-03-10T23:59:00Z' }, true],
  ['time_window', { from: '18:00', to: '24:00', tz: 'UTC' }, undefined, { now: '2026-03-11T00:00:00Z' }, false],
  ['time_window', { from: '09:00', to: '17:00', tz: 'America/New_York' }, undefined, { now: '2026-03-10T12:59:00Z' }, false],
  ['time_window', { from: '09:00', to: '17:00', tz: 'America/New_York' }, undefined, { now: '2026-03-10T13:00:00Z' }, true],
  ['time_window', { from: '02:00', to: '03:00', tz: 'Europe/Berlin' }, undefined, { now: '2026-03-28T01:30:00Z' }, true],
  ['time_window', { from: '02:00', to: '03:00', tz: 'Europe/Berlin' }, undefined, { now: '2026-03-29T01:00:00Z' }, false],
  // semver
  ['semver_eq', '2.3.0', '2.3.0', true],
  ['semver_eq', '2.3.0', 'v2.3.0', true],
  ['semver_eq', 'v2.3.0', '2.3.0', true],
  ['semver_eq', '2.3.0', 'vv2.3.0', false],
  ['semver_eq', '2.3.0', 'V2.3.0', false],
  ['semver_eq', '2.3.0', ' 2.3.0', false],
  ['semver_eq', '2.3.0', '2.3', false],
  ['semver_eq', '2.3.0', '2.3.0+build.7', true],
  ['semver_eq', '2.0.0', 2, false],
  ['semver_eq', '2.3.0', undefined, false],
  ['semver_gt', '2.3.0', '2.10.0', true],
  ['semver_gt', '2.3.0', '2.3.0', false],
  ['semver_gt', '2.3.0-rc.1', '2.3.0', true],
  ['semver_gt', '1.0.0-alpha', '1.0.0-alpha.1', true],
  ['semver_gt', '1.0.0-alpha.1', '1.0.0-alpha.beta', true],
  ['semver_gt', '1.0.0-rc.2', '1.0.0-rc.10', true],
  ['semver_gte', '2.3.0', '2.3.0', true],
  ['semver_gte', '2.3.0', '2.3.0-rc.1', false],
  ['semver_gte', '2.3.0', null, false],
  ['semver_lt', '2.3.0', '2.2.99', true],
  ['semver_lt', '2.3.0', '2.3.0', false],
  ['semver_lt', '2.3.0', 'garbage', false],
  ['semver_lte', '2.3.0', '2.3.0', true],
  ['semver_lte', '2.3.0', '2.3.1', false],
  ['semver_between', ['2.0.0', '3.0.0'], '2.0.0', true],
  ['semver_between', ['2.0.0', '3.0.0'], '3.0.0', true],
  ['semver_between', ['2.0.0', '3.0.0'], '3.0.0-rc.1', true],
  ['semver_between', ['2.0.0', '3.0.0'], '3.0.1', false],
  ['semver_between', ['2.0.0', '3.0.0'], '2.0.0-rc.1', false],
  ['semver_between', ['2.0.0', '3.0.0'], undefined, false],
  // arrays
  ['contains_all', ['a', 'b'], ['b', 'a', 'c'], true],
  ['contains_all', ['a', 'b'], ['a', 'c'], false],
  ['contains_all', ['A'], ['a'], false],
  ['contains_all', ['A'], ['a'], { ci: true }, true],
  ['contains_all', [5], ['5'], true],
  ['contains_all', ['5'], [5], false],
  ['contains_all', ['a'], [], false],
  ['contains_all', ['a'], 'a', false],
  ['contains_all', ['a'], undefined, false],
  ['contains_any', ['a', 'b'], ['x', 'b'], true],
  ['contains_any', ['a', 'b'], ['x'], false],
  ['contains_any', ['A'], ['x', 'a'], { ci: true }, true],
  ['contains_any', [1], [true], false],
  ['contains_any', ['a'], [['a']], false],
  ['contains_any', ['a'], undefined, false],
  ['contains_none', ['a', 'b'], ['x'], true],
  ['contains_none', ['a', 'b'], ['b'], false],
  ['contains_none', ['a'], undefined, true],
  ['contains_none', ['a'], 'a', true],
  ['size_eq', 0, [], true],
  ['size_eq', 2, ['a', 'b'], true],
  ['size_eq', 2, 'ab', false],
  ['size_eq', 0, undefined, false],
  ['size_gt', 1, ['a', 'b'], true],
  ['size_gt', 2, ['a', 'b'], false],
  ['size_gt', 0, { length: 3 }, false],
  ['size_lt', 3, ['a', 'b'], true],
  ['size_lt', 2, ['a', 'b'], false],
  ['size_lt', 1, null, false],
  // presence
  ['exists', undefined, 'x', true],
  ['exists', undefined, false, true],
  ['exists', undefined, 0, true],
  ['exists', undefined, '', true],
  ['exists', undefined, [], true],
  ['exists', undefined, undefined, false],
  ['exists', undefined, null, false],
  ['exists', undefined, undefined, { attr: 'constructor', context: {} }, false],
  ['not_exists', undefined, undefined, true],
  ['not_exists', undefined, null, true],
  ['not_exists', undefined, '', false],
  // geography
  ['within_radius', { ...BERLIN, km: 30 }, POTSDAM, true],
  ['within_radius', { ...BERLIN, km: 25 }, POTSDAM, false],
  ['within_radius', { ...BERLIN, km: 0.001 }, BERLIN, true],
  ['within_radius', { ...BERLIN, km: 30 }, { lat: '52.3906', lon: '13.0645' }, true],
  ['within_radius', { lat: 0, lon: 179.9, km: 50 }, { lat: 0, lon: -179.9 }, true],
  ['within_radius', { ...BERLIN, km: 30 }, { lat: 52.3906 }, false],
  ['within_radius', { ...BERLIN, km: 30 }, { lat: 91, lon: 13 }, false],
  ['within_radius', { ...BERLIN, km: 30 }, '52.3906,13.0645', false],
  ['within_radius', { ...BERLIN, km: 30 }, undefined, false],
  // percentage (bucketFor("beta", "42") is 34907)
  ['in_rollout', { salt: 'beta', percent: 100 }, 'anyone', true],
  ['in_rollout', { salt: 'beta', percent: 0 }, 'anyone', false],
  ['in_rollout', { salt: 'beta', percent: 34.908 }, '42', true],
  ['in_rollout', { salt: 'beta', percent: 34.907 }, '42', false],
  ['in_rollout', { salt: 'beta', percent: 34.908 }, 42, true],
  ['in_rollout', { salt: 'beta', percent: 100 }, '', true],
  ['in_rollout', { salt: 'beta', percent: 100 }, true, false],
  ['in_rollout', { salt: 'beta', percent: 100 }, undefined, false],
];

function show(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
}

function titleOf(op: Operator, operand: unknown, value: unknown, options: Options, expected: boolean): string {
  const args = [...(operand === undefined ? [] : [show(operand)]), ...(op === 'time_window' ? [] : [options.context ? `${options.attr}@${show(options.context)}` : show(value)])];
  const notes = [options.ci ? 'caseInsensitive' : '', options.now ? `at ${options.now}` : ''].filter(Boolean);
  return `${op}(${args.join(', ')})${notes.length ? ` [${notes.join(', ')}]` : ''} -> ${expected}`;
}

const TWIN = new Map<Operator, Operator>(NEGATION_PAIRS.flatMap(([negated, positive]) => [[negated, positive], [positive, negated]] as const));

/** Whether the clause matches, by both evaluators, which must agree. */
function matches(op: Operator, operand: unknown, value: unknown, options: Options): boolean {
  const attr = op === 'time_window' ? undefined : (options.attr ?? 'a');
  const flag = aFlag({ rules: [aRule(aClause(attr, op, operand, options.ci))] });
  const context = options.context ?? (value === undefined ? {} : { a: value });
  const now = options.now === undefined ? undefined : Date.parse(options.now);
  const { compiled, interpreted } = evaluateBoth(flag, context, now === undefined ? {} : { now });
  assert.deepEqual(compiled, interpreted, 'compiled and interpreted disagree');
  assert.ok(compiled.reason === 'TARGETING_MATCH' || compiled.reason === 'DEFAULT', `unexpected reason ${compiled.reason}`);
  return compiled.reason === 'TARGETING_MATCH';
}

describe('operator semantics (the table of shared/rules/README.md)', () => {
  for (const row of ROWS) {
    const [op, operand, value] = row;
    const options: Options = row.length === 5 ? row[3] : {};
    const expected = row.length === 5 ? row[4] : row[3];
    it(titleOf(op, operand, value, options, expected), () => {
      assert.equal(matches(op, operand, value, options), expected);
      const twin = TWIN.get(op);
      if (twin) assert.equal(matches(twin, operand, value, options), !expected, `${twin} is not the negation of ${op}`);
    });
  }

  it('has a true row and a false row for every operator', () => {
    for (const op of OPERATORS) {
      const outcomes = new Set(ROWS.filter((r) => r[0] === op).map((r) => r[r.length - 1]));
      assert.deepEqual([...outcomes].sort(), [false, true], `${op} needs a true and a false row`);
    }
  });

  it('has a row in the README table for every operator, and only for operators', () => {
    const readme = readFileSync(new URL('../../../shared/rules/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual([...new Set(documented)].sort(), [...OPERATORS].sort());
  });
});
