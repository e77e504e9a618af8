// The set of attribute values a positive clause accepts, described in the few forms the analysis
// can compare (sets of values, numeric and semver intervals, text affixes...), else opaquely.

import type { SemVer } from 'semver';
import { parseOperand } from '../operands.ts';
import type { Operator, Order } from '../operators.ts';
import { unreachable } from '../unreachable.ts';
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

/** The values an ordering test accepts against `x`. */
function ordered<T>(test: Order, x: T): Interval<T> {
  switch (test) {
    case 'lt': return below(x, true);
    case 'lte': return below(x, false);
    case 'eq': return closed(x, x);
    case 'gte': return above(x, false);
    case 'gt': return above(x, true);
    default: return unreachable(test);
  }
}

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
      switch (operand.test) {
        case 'one_of': return { kind: 'values', atoms };
        case 'holds_all': return { kind: 'members', mode: 'all', atoms };
        case 'holds_any': return { kind: 'members', mode: 'some', atoms };
        default: return unreachable(operand);
      }
    }
    case 'string':
      return { kind: 'text', mode: operand.test, text: operand.value, ci };
    case 'number':
      return { kind: 'number', range: ordered(operand.test, operand.value) };
    case 'numberRange':
      return { kind: 'number', range: closed(operand.min, operand.max) };
    case 'semver':
      return { kind: 'semver', range: ordered(operand.test, operand.version) };
    case 'semverRange':
      return { kind: 'semver', range: closed(operand.low, operand.high) };
    case 'size': {
      const x = operand.value;
      switch (operand.test) {
        case 'eq': return { kind: 'size', lo: x, hi: x };
        case 'gt': return { kind: 'size', lo: x + 1, hi: Infinity };
        case 'lt': return { kind: 'size', lo: 0, hi: x - 1 };
        default: return unreachable(operand);
      }
    }
    case 'none':
      return { kind: 'exists' };
    case 'rollout':
      return { kind: 'rollout', salt: operand.salt, threshold: operand.threshold };
    case 'regex':
      return { kind: 'opaque', kinds: ['string'] };
    case 'date':
    case 'dateRange':
      return { kind: 'opaque', kinds: NUMERIC };
    case 'geo':
      return { kind: 'opaque', kinds: ['object'] };
    case 'timeWindow':
      return { kind: 'opaque', kinds: EVERY_KIND };
    default:
      return unreachable(operand);
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
