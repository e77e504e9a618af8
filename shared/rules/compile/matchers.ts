// The compiled form of each operator: a closure over its pre-parsed operand (sets, patterns,
// semvers, instants), specialised so the hot path does no parsing and no allocation.

import type { SemVer } from 'semver';
import { bucketerFor } from '../bucketing.ts';
import { instantAt, type ParsedOperand } from '../operands.ts';
import { specOf, type Operator, type SpecOf, type TextTest } from '../operators.ts';
import { localClockFor, inWindow } from '../time.ts';
import { unreachable } from '../unreachable.ts';
import { haversineKm, isMissing, parseSemver, toEpochMs, toLatLon, toNumber, toUnit, type Scalar } from '../values.ts';

export type Matcher = (value: unknown, now: number) => boolean;

type Sets = { readonly strings: ReadonlySet<string>; readonly numbers: ReadonlySet<number>; readonly booleans: ReadonlySet<boolean> };

const NONE: ReadonlySet<never> = new Set();

/** The list's strings, numbers and booleans; an empty kind shares one empty set. */
function setsOf(values: readonly Scalar[], ci: boolean): Sets {
  const strings: string[] = [];
  const numbers: number[] = [];
  const booleans: boolean[] = [];
  for (const v of values) {
    if (typeof v === 'string') strings.push(ci ? v.toLowerCase() : v);
    else if (typeof v === 'number') numbers.push(v);
    else booleans.push(v);
  }
  const setOf = <T>(xs: T[]): ReadonlySet<T> => (xs.length === 0 ? NONE : new Set(xs));
  return { strings: setOf(strings), numbers: setOf(numbers), booleans: setOf(booleans) };
}

/** Whether one attribute value equals one of the set's values, by the equality rules. */
function member(sets: Sets, value: unknown, ci: boolean): boolean {
  if (typeof value === 'string') {
    if (sets.strings.has(ci ? value.toLowerCase() : value)) return true;
    if (sets.numbers.size === 0) return false;
    const n = toNumber(value);
    return n !== undefined && sets.numbers.has(n);
  }
  if (typeof value === 'number') return sets.numbers.has(value);
  if (typeof value === 'boolean') return sets.booleans.has(value);
  return false;
}

function equals(operand: Scalar, ci: boolean): Matcher {
  if (typeof operand === 'string') {
    if (!ci) return (v) => v === operand;
    const folded = operand.toLowerCase();
    return (v) => typeof v === 'string' && v.toLowerCase() === folded;
  }
  if (typeof operand === 'number') return (v) => (typeof v === 'number' ? v === operand : toNumber(v) === operand);
  return (v) => v === operand;
}

// PERFORMANCE NOTE: the string, number and semver matchers below are written out per operator
// rather than built from a generic matcher and a comparison closure: with a thousand flags the
// cost is in the closures and contexts each evaluation touches, so each clause keeps one.

function text(test: TextTest, operand: string, ci: boolean): Matcher {
  const o = ci ? operand.toLowerCase() : operand;
  switch (test) {
    case 'prefix': return ci ? (v) => typeof v === 'string' && v.toLowerCase().startsWith(o) : (v) => typeof v === 'string' && v.startsWith(o);
    case 'suffix': return ci ? (v) => typeof v === 'string' && v.toLowerCase().endsWith(o) : (v) => typeof v === 'string' && v.endsWith(o);
    case 'infix': return ci ? (v) => typeof v === 'string' && v.toLowerCase().includes(o) : (v) => typeof v === 'string' && v.includes(o);
    default: return unreachable(test);
  }
}

/** A finite number, or a numeric string's value; NaN for anything else (NaN fails every comparison). */
export function numberOf(v: unknown): number {
  const n = typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : toNumber(v);
  return n === undefined ? NaN : n;
}

function numeric(test: SpecOf<'number'>['test'], x: number): Matcher {
  switch (test) {
    case 'gt': return (v) => numberOf(v) > x;
    case 'gte': return (v) => numberOf(v) >= x;
    case 'lt': return (v) => numberOf(v) < x;
    case 'lte': return (v) => numberOf(v) <= x;
    default: return unreachable(test);
  }
}

/**
 * PERFORMANCE NOTE: parsing a semver costs about a microsecond and an application has few distinct
 * versions, so parses are memoised in one small map shared by every semver clause (cleared when
 * full): a map per clause held a copy of every version per clause, and with many flags those
 * copies, not the comparisons, were the cost.
 */
const versions = new Map<string, SemVer | null>();

export function versionOf(text: string): SemVer | null {
  let parsed = versions.get(text);
  if (parsed === undefined) {
    if (versions.size >= 1024) versions.clear();
    parsed = parseSemver(text) ?? null;
    versions.set(text, parsed);
  }
  return parsed;
}

/** The attribute's order against `x` (negative, 0, positive); NaN when it is not a semver. */
function semverOrder(v: unknown, x: SemVer): number {
  if (typeof v !== 'string') return NaN;
  const parsed = versionOf(v);
  return parsed === null ? NaN : parsed.compare(x);
}

function semverMatcher(test: SpecOf<'semver'>['test'], x: SemVer): Matcher {
  switch (test) {
    case 'eq': return (v) => semverOrder(v, x) === 0;
    case 'gt': return (v) => semverOrder(v, x) > 0;
    case 'gte': return (v) => semverOrder(v, x) >= 0;
    case 'lt': return (v) => semverOrder(v, x) < 0;
    case 'lte': return (v) => semverOrder(v, x) <= 0;
    default: return unreachable(test);
  }
}

function arraySets(value: readonly unknown[], ci: boolean): Sets {
  return setsOf(
    value.flatMap((e): Scalar[] => {
      if (typeof e === 'string') {
        const n = toNumber(e);
        return n === undefined ? [e] : [e, n];
      }
      return typeof e === 'number' || typeof e === 'boolean' ? [e] : [];
    }),
    ci,
  );
}

/** Whether an operand value equals one of an array attribute's elements (their sets). */
function holds(present: Sets, operand: Scalar, ci: boolean): boolean {
  if (typeof operand === 'string') return present.strings.has(ci ? operand.toLowerCase() : operand);
  if (typeof operand === 'number') return present.numbers.has(operand);
  return present.booleans.has(operand);
}

function positive(operand: ParsedOperand, ci: boolean): Matcher {
  switch (operand.kind) {
    case 'scalar':
      return equals(operand.value, ci);
    case 'scalarList': {
      const sets = setsOf(operand.values, ci);
      switch (operand.test) {
        case 'one_of': {
          if (sets.numbers.size > 0 || sets.booleans.size > 0) return (v) => member(sets, v, ci);
          // Only strings: what member() answers, reading one Set.
          const strings = sets.strings;
          return ci ? (v) => typeof v === 'string' && strings.has(v.toLowerCase()) : (v) => typeof v === 'string' && strings.has(v);
        }
        case 'holds_any':
          return (v) => Array.isArray(v) && v.some((e) => member(sets, e, ci));
        case 'holds_all': {
          const values = operand.values;
          return (v) => {
            if (!Array.isArray(v)) return false;
            const present = arraySets(v, ci);
            return values.every((o) => holds(present, o, ci));
          };
        }
        default:
          return unreachable(operand);
      }
    }
    case 'string':
      return text(operand.test, operand.value, ci);
    case 'regex': {
      const { pattern } = operand;
      return (v) => typeof v === 'string' && pattern.test(v);
    }
    case 'number':
      return numeric(operand.test, operand.value);
    case 'numberRange': {
      const { min, max } = operand;
      return (v) => {
        const n = numberOf(v);
        return n >= min && n <= max;
      };
    }
    case 'date': {
      const { at } = operand;
      switch (operand.test) {
        case 'lt':
          return (v, now) => {
            const t = toEpochMs(v);
            return t !== undefined && t < instantAt(at, now);
          };
        case 'gt':
          return (v, now) => {
            const t = toEpochMs(v);
            return t !== undefined && t > instantAt(at, now);
          };
        default:
          return unreachable(operand);
      }
    }
    case 'dateRange': {
      const { start, end } = operand;
      return (v, now) => {
        const t = toEpochMs(v);
        return t !== undefined && t >= instantAt(start, now) && t <= instantAt(end, now);
      };
    }
    case 'timeWindow': {
      const clock = localClockFor(operand.tz);
      const { window } = operand;
      return (_v, now) => inWindow(window, clock(now));
    }
    case 'semver':
      return semverMatcher(operand.test, operand.version);
    case 'semverRange': {
      const { low, high } = operand;
      return (v) => {
        const parsed = typeof v === 'string' ? versionOf(v) : null;
        return parsed !== null && parsed.compare(low) >= 0 && parsed.compare(high) <= 0;
      };
    }
    case 'size': {
      const x = operand.value;
      switch (operand.test) {
        case 'eq': return (v) => Array.isArray(v) && v.length === x;
        case 'gt': return (v) => Array.isArray(v) && v.length > x;
        case 'lt': return (v) => Array.isArray(v) && v.length < x;
        default: return unreachable(operand);
      }
    }
    case 'none':
      return (v) => !isMissing(v);
    case 'geo': {
      const { lat, lon, km } = operand;
      return (v) => {
        const p = toLatLon(v);
        return p !== undefined && haversineKm(p.lat, p.lon, lat, lon) <= km;
      };
    }
    case 'rollout': {
      const bucketOf = bucketerFor(operand.salt);
      const { threshold } = operand;
      return (v) => {
        const unit = toUnit(v);
        return unit !== undefined && bucketOf(unit) < threshold;
      };
    }
    default:
      return unreachable(operand);
  }
}

/**
 * The matcher of a clause; a negated operator is exactly `not` of its twin's matcher (its operand
 * carries the twin's test, from the twin's row).
 */
export function matcherFor(op: Operator, operand: ParsedOperand, ci: boolean): Matcher {
  const inner = positive(operand, ci);
  if (specOf(op).negates === undefined) return inner;
  return (v, now) => !inner(v, now);
}
