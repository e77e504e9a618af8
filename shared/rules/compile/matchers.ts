// The compiled form of each operator: a closure over its pre-parsed operand (sets, patterns,
// semvers, instants), specialised so the hot path does no parsing and no allocation.

import type { SemVer } from 'semver';
import { bucketerFor } from '../bucketing.ts';
import { instantAt, type ParsedOperand } from '../operands.ts';
import { specOf, type Operator } from '../operators.ts';
import { localClockFor, inWindow } from '../time.ts';
import { haversineKm, isMissing, parseSemver, toEpochMs, toLatLon, toNumber, toUnit, type Scalar } from '../values.ts';

export type Matcher = (value: unknown, now: number) => boolean;

type Sets = { readonly strings: ReadonlySet<string>; readonly numbers: ReadonlySet<number>; readonly booleans: ReadonlySet<boolean> };

function setsOf(values: readonly Scalar[], ci: boolean): Sets {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const booleans = new Set<boolean>();
  for (const v of values) {
    if (typeof v === 'string') strings.add(ci ? v.toLowerCase() : v);
    else if (typeof v === 'number') numbers.add(v);
    else booleans.add(v);
  }
  return { strings, numbers, booleans };
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

function text(test: (attribute: string, operand: string) => boolean, operand: string, ci: boolean): Matcher {
  if (!ci) return (v) => typeof v === 'string' && test(v, operand);
  const folded = operand.toLowerCase();
  return (v) => typeof v === 'string' && test(v.toLowerCase(), folded);
}

function numeric(test: (n: number) => boolean): Matcher {
  return (v) => {
    const n = typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : toNumber(v);
    return n !== undefined && test(n);
  };
}

/**
 * PERFORMANCE NOTE: parsing a semver costs about a microsecond and an application has few distinct
 * versions, so parses are memoised per clause in a small map that is cleared when full.
 */
function semverMatcher(test: (attribute: SemVer) => boolean): Matcher {
  const memo = new Map<string, SemVer | null>();
  return (v) => {
    if (typeof v !== 'string') return false;
    let parsed = memo.get(v);
    if (parsed === undefined) {
      if (memo.size >= 256) memo.clear();
      parsed = parseSemver(v) ?? null;
      memo.set(v, parsed);
    }
    return parsed !== null && test(parsed);
  };
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

function positive(op: Operator, operand: ParsedOperand, ci: boolean): Matcher {
  switch (operand.kind) {
    case 'scalar':
      return equals(operand.value, ci);
    case 'scalarList': {
      const sets = setsOf(operand.values, ci);
      if (op === 'in') return (v) => member(sets, v, ci);
      if (op === 'contains_any') return (v) => Array.isArray(v) && v.some((e) => member(sets, e, ci));
      const values = operand.values;
      return (v) => {
        if (!Array.isArray(v)) return false;
        const present = arraySets(v, ci);
        return values.every((o) => holds(present, o, ci));
      };
    }
    case 'string':
      if (op === 'starts_with') return text((a, o) => a.startsWith(o), operand.value, ci);
      if (op === 'ends_with') return text((a, o) => a.endsWith(o), operand.value, ci);
      return text((a, o) => a.includes(o), operand.value, ci);
    case 'regex': {
      const { pattern } = operand;
      return (v) => typeof v === 'string' && pattern.test(v);
    }
    case 'number': {
      const x = operand.value;
      if (op === 'gt') return numeric((n) => n > x);
      if (op === 'gte') return numeric((n) => n >= x);
      if (op === 'lt') return numeric((n) => n < x);
      return numeric((n) => n <= x);
    }
    case 'numberRange': {
      const { min, max } = operand;
      return numeric((n) => n >= min && n <= max);
    }
    case 'date': {
      const { at } = operand;
      if (op === 'before') return (v, now) => {
        const t = toEpochMs(v);
        return t !== undefined && t < instantAt(at, now);
      };
      return (v, now) => {
        const t = toEpochMs(v);
        return t !== undefined && t > instantAt(at, now);
      };
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
    case 'semver': {
      const x = operand.version;
      const tests: Record<string, (c: number) => boolean> = {
        semver_eq: (c) => c === 0, semver_gt: (c) => c > 0, semver_gte: (c) => c >= 0, semver_lt: (c) => c < 0, semver_lte: (c) => c <= 0,
      };
      const test = tests[op]!;
      return semverMatcher((s) => test(s.compare(x)));
    }
    case 'semverRange': {
      const { low, high } = operand;
      return semverMatcher((s) => s.compare(low) >= 0 && s.compare(high) <= 0);
    }
    case 'size': {
      const x = operand.value;
      if (op === 'size_eq') return (v) => Array.isArray(v) && v.length === x;
      if (op === 'size_gt') return (v) => Array.isArray(v) && v.length > x;
      return (v) => Array.isArray(v) && v.length < x;
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
  }
}

/** The matcher of a clause; a negated operator is exactly `not` of its twin's matcher. */
export function matcherFor(op: Operator, operand: ParsedOperand, ci: boolean): Matcher {
  const twin = specOf(op).negates;
  if (twin === undefined) return positive(op, operand, ci);
  const inner = positive(twin, operand, ci);
  return (v, now) => !inner(v, now);
}
