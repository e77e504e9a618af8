// Parsing each operator's `value` once: lists to typed lists, regexes to patterns, semvers,
// instants, windows and percentages to ready values, or coded issues at the operand's path.

import type { SemVer } from 'semver';
import { LIMITS } from './limits.ts';
import { issue, type Issue, type PathSegment } from './issues.ts';
import { specOf, type ListTest, type OperandKind, type Operator, type OperatorSpec, type SpecOf, type TextTest } from './operators.ts';
import { compilePattern, type Pattern } from './regex.ts';
import { isTimeZone, parseClock, parseRelative, WEEKDAYS, type TimeWindow } from './time.ts';
import { parseRfc3339, parseSemver, type Scalar } from './values.ts';

export type DateOperand = { readonly relative: false; readonly ms: number } | { readonly relative: true; readonly offset: number };

export type ParsedOperand =
  | { readonly kind: 'scalar'; readonly value: Scalar }
  | { readonly kind: 'scalarList'; readonly test: ListTest; readonly values: readonly Scalar[] }
  | { readonly kind: 'string'; readonly test: TextTest; readonly value: string }
  | { readonly kind: 'regex'; readonly pattern: Pattern }
  | { readonly kind: 'number'; readonly test: SpecOf<'number'>['test']; readonly value: number }
  | { readonly kind: 'numberRange'; readonly min: number; readonly max: number }
  | { readonly kind: 'date'; readonly test: SpecOf<'date'>['test']; readonly at: DateOperand }
  | { readonly kind: 'dateRange'; readonly start: DateOperand; readonly end: DateOperand }
  | { readonly kind: 'timeWindow'; readonly window: TimeWindow; readonly tz: string }
  | { readonly kind: 'semver'; readonly test: SpecOf<'semver'>['test']; readonly version: SemVer }
  | { readonly kind: 'semverRange'; readonly low: SemVer; readonly high: SemVer }
  | { readonly kind: 'size'; readonly test: SpecOf<'size'>['test']; readonly value: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'geo'; readonly lat: number; readonly lon: number; readonly km: number }
  | { readonly kind: 'rollout'; readonly salt: string; readonly percent: number; readonly threshold: number };

export type OperandResult = { ok: true; operand: ParsedOperand } | { ok: false; issues: Issue[] };

/**
 * Why an operand was refused. A class of its own, made only here, so a refusal is told from a
 * parsed value by what it is, never by its shape: a list value that looks like an issue
 * (`[{ "code": …, "path": …, "message": … }]`) stays a value.
 */
class Refused {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    this.issues = issues;
  }
}

/** A parser per operand kind, given the operator's row (whose `test` the parsed operand carries). */
type Parsers = { readonly [K in OperandKind]: (value: unknown, at: readonly PathSegment[], caseInsensitive: boolean, spec: SpecOf<K>) => Extract<ParsedOperand, { kind: K }> | Refused };

const fail = (at: readonly PathSegment[], code: Issue['code'], message: string): Refused => new Refused([issue(at, code, message)]);
const refused = (issues: Issue[]) => new Refused(issues);
const isIssues = (x: unknown): x is Refused => x instanceof Refused;
/** The issues of whichever of `results` were refused. */
const issuesOf = (...results: unknown[]): Issue[] => results.flatMap((r) => (r instanceof Refused ? r.issues : []));

function number(value: unknown, at: readonly PathSegment[]): number | Refused {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(at, 'INVALID_OPERAND', 'expected a number');
  if (Math.abs(value) > LIMITS.maxSafeNumber) return fail(at, 'NUMBER_OUT_OF_RANGE', 'numbers must lie within ±(2^53 - 1)');
  return value;
}

function scalar(value: unknown, at: readonly PathSegment[]): Scalar | Refused {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return number(value, at);
  return fail(at, 'INVALID_OPERAND', 'expected a string, a number or a boolean');
}

/** An empty list is a valid operand: what each operator makes of it is in validate/conditions.ts (a warning). */
function list(value: unknown, at: readonly PathSegment[]): unknown[] | Refused {
  if (!Array.isArray(value)) return fail(at, 'INVALID_OPERAND', 'expected a list of values');
  if (value.length > LIMITS.listValues) return fail(at, 'LIST_TOO_LONG', `the list has ${value.length} values; the limit is ${LIMITS.listValues}`);
  return value;
}

function pair(value: unknown, at: readonly PathSegment[], what: string): [unknown, unknown] | Refused {
  if (!Array.isArray(value) || value.length !== 2) return fail(at, 'INVALID_OPERAND', `expected [${what}]`);
  return [value[0], value[1]];
}

function instant(value: unknown, at: readonly PathSegment[]): DateOperand | Refused {
  if (typeof value === 'number') {
    const ms = number(value, at);
    return typeof ms === 'number' ? { relative: false, ms } : ms;
  }
  if (typeof value !== 'string') return fail(at, 'INVALID_DATE', 'expected an RFC 3339 timestamp, epoch milliseconds or a relative date such as "now-30d"');
  const offset = parseRelative(value);
  if (offset !== undefined) return { relative: true, offset };
  const ms = parseRfc3339(value);
  if (ms !== undefined) return { relative: false, ms };
  return fail(at, 'INVALID_DATE', `"${value}" is not an RFC 3339 timestamp with an explicit offset (such as 2026-03-29T02:30:00+02:00), epoch milliseconds or a relative date such as "now-30d"`);
}

function semver(value: unknown, at: readonly PathSegment[]): SemVer | Refused {
  return parseSemver(value) ?? fail(at, 'INVALID_SEMVER', `${JSON.stringify(value)} is not a SemVer 2.0.0 version such as "2.3.0" (a leading "v" is allowed)`);
}

function thousandths(percent: number): number | undefined {
  const t = Math.round(percent * 1000);
  return Math.abs(t - percent * 1000) < 1e-6 ? t : undefined;
}

function ordered<T>(low: T, high: T, at: readonly PathSegment[], greater: (a: T, b: T) => boolean): Refused | undefined {
  return greater(low, high) ? fail(at, 'INVALID_RANGE', 'the first bound is greater than the second') : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], at: readonly PathSegment[]): Issue[] {
  return Object.keys(value)
    .filter((k) => !allowed.includes(k))
    .map((k) => issue([...at, k], 'UNKNOWN_FIELD', `"${k}" is not a field here; expected ${allowed.join(', ')}`));
}

function timeWindow(value: unknown, at: readonly PathSegment[]): Extract<ParsedOperand, { kind: 'timeWindow' }> | Refused {
  const v = record(value);
  if (!v) return fail(at, 'INVALID_OPERAND', 'expected { days?, from, to, tz }');
  const issues = unknownKeys(v, ['days', 'from', 'to', 'tz'], at);
  const from = typeof v.from === 'string' ? parseClock(v.from) : undefined;
  const to = typeof v.to === 'string' ? parseClock(v.to) : undefined;
  if (from === undefined || from === 1440) issues.push(issue([...at, 'from'], 'INVALID_TIME', 'expected a time "HH:MM" from 00:00 to 23:59'));
  if (to === undefined) issues.push(issue([...at, 'to'], 'INVALID_TIME', 'expected a time "HH:MM" from 00:00 to 24:00'));
  if (from !== undefined && to !== undefined && from === to) {
    issues.push(issue([...at, 'to'], 'EMPTY_TIME_WINDOW', '"from" and "to" are the same time; use 00:00 to 24:00 for a whole day'));
  }
  if (typeof v.tz !== 'string' || !isTimeZone(v.tz)) issues.push(issue([...at, 'tz'], 'INVALID_TIMEZONE', `${JSON.stringify(v.tz)} is not an IANA time zone such as "Europe/Berlin"`));
  let days: Set<number> | null = null;
  if (v.days !== undefined) {
    if (!Array.isArray(v.days) || v.days.length === 0) {
      issues.push(issue([...at, 'days'], 'INVALID_OPERAND', 'expected a non-empty list of weekdays such as ["mon", "tue"]'));
    } else {
      days = new Set();
      v.days.forEach((d, i) => {
        const index = WEEKDAYS.indexOf(d as never);
        if (index < 0) issues.push(issue([...at, 'days', i], 'INVALID_OPERAND', `${JSON.stringify(d)} is not one of ${WEEKDAYS.join(', ')}`));
        else days!.add(index);
      });
    }
  }
  if (issues.length > 0) return refused(issues);
  return { kind: 'timeWindow', window: { days, from: from!, to: to! }, tz: v.tz as string };
}

function geo(value: unknown, at: readonly PathSegment[]): Extract<ParsedOperand, { kind: 'geo' }> | Refused {
  const v = record(value);
  if (!v) return fail(at, 'INVALID_OPERAND', 'expected { lat, lon, km }');
  const issues = unknownKeys(v, ['lat', 'lon', 'km'], at);
  const bound = (key: string, max: number, positive: boolean) => {
    const n = v[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > max || (positive && n <= 0)) {
      issues.push(issue([...at, key], 'INVALID_OPERAND', positive ? `"${key}" must be a number above 0` : `"${key}" must be a number within ±${max}`));
    }
  };
  bound('lat', 90, false);
  bound('lon', 180, false);
  bound('km', 20_100, true);
  return issues.length > 0 ? refused(issues) : { kind: 'geo', lat: v.lat as number, lon: v.lon as number, km: v.km as number };
}

function rollout(value: unknown, at: readonly PathSegment[]): Extract<ParsedOperand, { kind: 'rollout' }> | Refused {
  const v = record(value);
  if (!v) return fail(at, 'INVALID_OPERAND', 'expected { salt, percent }');
  const issues = unknownKeys(v, ['salt', 'percent'], at);
  if (typeof v.salt !== 'string' || v.salt.length === 0 || v.salt.length > LIMITS.keyLength) {
    issues.push(issue([...at, 'salt'], 'INVALID_OPERAND', `"salt" must be a string of 1 to ${LIMITS.keyLength} characters`));
  }
  const percent = v.percent;
  const threshold = typeof percent === 'number' && percent >= 0 && percent <= 100 ? thousandths(percent) : undefined;
  if (threshold === undefined) issues.push(issue([...at, 'percent'], 'INVALID_PERCENT', '"percent" must be a number from 0 to 100 with at most three decimals'));
  return issues.length > 0 ? refused(issues) : { kind: 'rollout', salt: v.salt as string, percent: percent as number, threshold: threshold! };
}

const PARSERS: Parsers = {
  scalar: (value, at) => {
    const s = scalar(value, at);
    return isIssues(s) ? s : { kind: 'scalar', value: s };
  },
  scalarList: (value, at, _ci, spec) => {
    const items = list(value, at);
    if (isIssues(items)) return items;
    const issues: Issue[] = [];
    const values = items.map((item, i) => {
      const s = scalar(item, [...at, i]);
      if (isIssues(s)) issues.push(...s.issues);
      return s as Scalar;
    });
    return issues.length > 0 ? refused(issues) : { kind: 'scalarList', test: spec.test, values };
  },
  string: (value, at, _ci, spec) => (typeof value === 'string' ? { kind: 'string', test: spec.test, value } : fail(at, 'INVALID_OPERAND', 'expected a string')),
  regex: (value, at, caseInsensitive) => {
    if (typeof value !== 'string') return fail(at, 'INVALID_OPERAND', 'expected a regex pattern as a string');
    const result = compilePattern(value, caseInsensitive);
    return result.ok ? { kind: 'regex', pattern: result.pattern } : fail(at, result.code, result.message);
  },
  number: (value, at, _ci, spec) => {
    const n = number(value, at);
    return isIssues(n) ? n : { kind: 'number', test: spec.test, value: n };
  },
  numberRange: (value, at) => {
    const p = pair(value, at, 'min, max');
    if (isIssues(p)) return p;
    const min = number(p[0], [...at, 0]);
    const max = number(p[1], [...at, 1]);
    const issues = issuesOf(min, max);
    if (issues.length > 0) return refused(issues);
    return ordered(min as number, max as number, at, (a, b) => a > b) ?? { kind: 'numberRange', min: min as number, max: max as number };
  },
  date: (value, at, _ci, spec) => {
    const d = instant(value, at);
    return isIssues(d) ? d : { kind: 'date', test: spec.test, at: d };
  },
  dateRange: (value, at) => {
    const p = pair(value, at, 'start, end');
    if (isIssues(p)) return p;
    const start = instant(p[0], [...at, 0]);
    const end = instant(p[1], [...at, 1]);
    const issues = issuesOf(start, end);
    if (issues.length > 0) return refused(issues);
    const s = start as DateOperand;
    const e = end as DateOperand;
    if (s.relative === e.relative) {
      const order = ordered(s, e, at, (a, b) => (a.relative ? a.offset : a.ms) > (b.relative ? (b as { offset: number }).offset : (b as { ms: number }).ms));
      if (order) return order;
    }
    return { kind: 'dateRange', start: s, end: e };
  },
  timeWindow: (value, at) => timeWindow(value, at),
  semver: (value, at, _ci, spec) => {
    const v = semver(value, at);
    return isIssues(v) ? v : { kind: 'semver', test: spec.test, version: v };
  },
  semverRange: (value, at) => {
    const p = pair(value, at, 'low, high');
    if (isIssues(p)) return p;
    const low = semver(p[0], [...at, 0]);
    const high = semver(p[1], [...at, 1]);
    const issues = issuesOf(low, high);
    if (issues.length > 0) return refused(issues);
    return ordered(low as SemVer, high as SemVer, at, (a, b) => a.compare(b) > 0) ?? { kind: 'semverRange', low: low as SemVer, high: high as SemVer };
  },
  size: (value, at, _ci, spec) =>
    Number.isInteger(value) && (value as number) >= 0 && (value as number) <= LIMITS.maxSafeNumber
      ? { kind: 'size', test: spec.test, value: value as number }
      : fail(at, 'INVALID_OPERAND', 'expected a whole number of elements, 0 or more'),
  none: () => ({ kind: 'none' }),
  geo: (value, at) => geo(value, at),
  rollout: (value, at) => rollout(value, at),
};

/** Parses a clause's operand; `at` is the path of the clause's `value`. */
export function parseOperand(op: Operator, value: unknown, caseInsensitive: boolean, at: readonly PathSegment[]): OperandResult {
  const spec = specOf(op);
  const kind = spec.operand;
  if (kind === 'none') {
    return value === undefined ? { ok: true, operand: { kind: 'none' } } : { ok: false, issues: fail(at, 'UNEXPECTED_VALUE', `"${op}" takes no value`).issues };
  }
  if (value === undefined) return { ok: false, issues: fail(at, 'MISSING_VALUE', `"${op}" needs a value`).issues };
  // The row and the parser are paired by `operand`, which TypeScript cannot follow through the index.
  const parse = PARSERS[kind] as (value: unknown, at: readonly PathSegment[], caseInsensitive: boolean, spec: OperatorSpec) => ParsedOperand | Refused;
  const parsed = parse(value, at, caseInsensitive, spec);
  return parsed instanceof Refused ? { ok: false, issues: parsed.issues } : { ok: true, operand: parsed };
}

/** The instant a date operand stands for at `now`. */
export function instantAt(at: DateOperand, now: number): number {
  return at.relative ? now + at.offset : at.ms;
}
