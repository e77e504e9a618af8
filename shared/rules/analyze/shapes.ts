// The set of attribute values a positive clause accepts, described in the few forms the analysis
// can compare (sets of values, numeric and semver intervals, text affixes...), else opaquely.

import type { SemVer } from 'semver';
import { parseOperand } from '../operands.ts';
import type { Operator } from '../operators.ts';
import { atomOf, type Atom } from './atoms.ts';

/** JavaScript kinds of attribute values, to tell operators that accept no common value apart. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

const EVERY_KIND: readonly ValueKind[] = ['string', 'number', 'boolean', 'array', 'object'];
const NUMERIC: readonly ValueKind[] = ['number', 'string'];

export type Interval<T> = { readonly lo: T | null; readonly loOpen: boolean; readonly hi: T | null; readonly hiOpen: boolean };

export type Shape =
  /** One of a few values (`eq`, `in`). */
  | { readonly kind: 'values'; readonly atoms: readonly Atom[] }
  /** A number or numeric string within the interval; `null` bounds are unbounded. */
  | { readonly kind: 'number'; readonly range: Interval<number> }
  /** A string parsing as a semver within the interval. */
  | { readonly kind: 'semver'; readonly range: Interval<SemVer> }
  | { readonly kind: 'text'; readonly mode: 'prefix' | 'suffix' | 'infix'; readonly text: string; readonly ci: boolean }
  /** An array with a length from `lo` to `hi`. */
  | { readonly kind: 'size'; readonly lo: number; readonly hi: number }
  /** An array holding every (`all`) or some (`some`) of the atoms. */
  | { readonly kind: 'members'; readonly mode: 'all' | 'some'; readonly atoms: readonly Atom[] }
  /** A unit whose bucket under `salt` is below `threshold`. */
  | { readonly kind: 'rollout'; readonly salt: string; readonly threshold: number }
  /** Any present value. */
  | { readonly kind: 'exists' }
  /** A value a rollout can bucket: a string or a finite number. */
  | { readonly kind: 'unit' }
  /** Known only by the kinds of values it may accept. */
  | { readonly kind: 'opaque'; readonly kinds: readonly ValueKind[] };

const closed = <T>(lo: T | null, hi: T | null): Interval<T> => ({ lo, loOpen: false, hi, hiOpen: false });
const above = <T>(lo: T, open: boolean): Interval<T> => ({ lo, loOpen: open, hi: null, hiOpen: false });
const below = <T>(hi: T, open: boolean): Interval<T> => ({ lo: null, loOpen: false, hi, hiOpen: open });

const OPAQUE_KINDS: Partial<Record<Operator, readonly ValueKind[]>> = {
  matches: ['string'], before: NUMERIC, after: NUMERIC, between_dates: NUMERIC, within_radius: ['object'],
};

/** The shape of a positive operator's clause; opaque when its operand does not parse. */
export function shapeOf(op: Operator, value: unknown, ci: boolean): Shape {
  const parsed = parseOperand(op, value, ci, []);
  if (!parsed.ok) return { kind: 'opaque', kinds: EVERY_KIND };
  const operand = parsed.operand;
  switch (operand.kind) {
    case 'scalar':
      return { kind: 'values', atoms: [atomOf(operand.value, ci)] };
    case 'scalarList': {
      const atoms = operand.values.map((v) => atomOf(v, ci));
      if (op === 'in') return { kind: 'values', atoms };
      return { kind: 'members', mode: op === 'contains_all' ? 'all' : 'some', atoms };
    }
    case 'string':
      return { kind: 'text', mode: op === 'starts_with' ? 'prefix' : op === 'ends_with' ? 'suffix' : 'infix', text: operand.value, ci };
    case 'number': {
      const x = operand.value;
      const ranges = { gt: above(x, true), gte: above(x, false), lt: below(x, true), lte: below(x, false) } as Record<string, Interval<number>>;
      return { kind: 'number', range: ranges[op]! };
    }
    case 'numberRange':
      return { kind: 'number', range: closed(operand.min, operand.max) };
    case 'semver': {
      const v = operand.version;
      const ranges = { semver_eq: closed(v, v), semver_gt: above(v, true), semver_gte: above(v, false), semver_lt: below(v, true), semver_lte: below(v, false) } as Record<string, Interval<SemVer>>;
      return { kind: 'semver', range: ranges[op]! };
    }
    case 'semverRange':
      return { kind: 'semver', range: closed(operand.low, operand.high) };
    case 'size': {
      const x = operand.value;
      if (op === 'size_eq') return { kind: 'size', lo: x, hi: x };
      return op === 'size_gt' ? { kind: 'size', lo: x + 1, hi: Infinity } : { kind: 'size', lo: 0, hi: x - 1 };
    }
    case 'none':
      return { kind: 'exists' };
    case 'rollout':
      return { kind: 'rollout', salt: operand.salt, threshold: operand.threshold };
    default:
      return { kind: 'opaque', kinds: OPAQUE_KINDS[op] ?? EVERY_KIND };
  }
}

/** The kinds of values a shape may accept. */
export function kindsOf(shape: Shape): readonly ValueKind[] {
  switch (shape.kind) {
    case 'values':
      return [...new Set(shape.atoms.flatMap((a): ValueKind[] => (a.t === 'str' ? ['string'] : a.t === 'num' ? ['number', 'string'] : ['boolean'])))];
    case 'number':
    case 'rollout':
    case 'unit':
      return NUMERIC;
    case 'semver':
    case 'text':
      return ['string'];
    case 'size':
    case 'members':
      return ['array'];
    case 'exists':
      return EVERY_KIND;
    case 'opaque':
      return shape.kinds;
  }
}
