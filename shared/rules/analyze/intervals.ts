// Intervals with open or closed ends over any ordered type (numbers, semvers): intersection,
// emptiness and containment, with `null` as an unbounded end.

import type { Interval } from './shapes.ts';

export type Compare<T> = (a: T, b: T) => number;

export const compareNumbers: Compare<number> = (a, b) => a - b;

/** The tighter of two ends: the larger of two lower ends (`sign` 1), the smaller of two upper ends (-1). */
function tighter<T>(a: T | null, aOpen: boolean, b: T | null, bOpen: boolean, sign: 1 | -1, compare: Compare<T>): [T | null, boolean] {
  if (a === null) return [b, bOpen];
  if (b === null) return [a, aOpen];
  const c = compare(a, b) * sign;
  if (c === 0) return [a, aOpen || bOpen];
  return c > 0 ? [a, aOpen] : [b, bOpen];
}

export function intersect<T>(a: Interval<T>, b: Interval<T>, compare: Compare<T>): Interval<T> {
  const [lo, loOpen] = tighter(a.lo, a.loOpen, b.lo, b.loOpen, 1, compare);
  const [hi, hiOpen] = tighter(a.hi, a.hiOpen, b.hi, b.hiOpen, -1, compare);
  return { lo, loOpen, hi, hiOpen };
}

/** Provably no value lies within (bounds crossed, or equal with an open end). */
export function isEmpty<T>(range: Interval<T>, compare: Compare<T>): boolean {
  if (range.lo === null || range.hi === null) return false;
  const c = compare(range.lo, range.hi);
  return c > 0 || (c === 0 && (range.loOpen || range.hiOpen));
}

/** Every value of `inner` lies within `outer`. */
export function contains<T>(outer: Interval<T>, inner: Interval<T>, compare: Compare<T>): boolean {
  const loOk = outer.lo === null || (inner.lo !== null && (compare(inner.lo, outer.lo) > 0 || (compare(inner.lo, outer.lo) === 0 && (!outer.loOpen || inner.loOpen))));
  const hiOk = outer.hi === null || (inner.hi !== null && (compare(inner.hi, outer.hi) < 0 || (compare(inner.hi, outer.hi) === 0 && (!outer.hiOpen || inner.hiOpen))));
  return loOk && hiOk;
}

export function within<T>(value: T, range: Interval<T>, compare: Compare<T>): boolean {
  return contains(range, { lo: value, loOpen: false, hi: value, hiOpen: false }, compare);
}
