// Splits the code points into the few classes a pattern can tell apart (every code point of a
// class is in exactly the same sets), so a DFA state needs one transition per class, not per code
// point. ASCII maps through a table; the rest by binary search over the class boundaries.

import type { Ranges } from './ranges.ts';

export type Alphabet = {
  /** The number of classes. */
  readonly size: number;
  /** The class of each ASCII code point. */
  readonly ascii: Uint16Array;
  classOf(rune: number): number;
  /** A code point of the class, standing for all of it. */
  representative(cls: number): number;
};

export function buildAlphabet(sets: readonly Ranges[]): Alphabet {
  const edges: number[] = [];
  for (const ranges of sets) {
    for (let i = 0; i < ranges.length; i += 2) edges.push(ranges[i]!, ranges[i + 1]! + 1);
  }
  // A typed array sorts numerically without a comparator, several times faster than Array#sort.
  const sorted = Int32Array.from(edges).sort();
  // Class k holds the code points from bounds[k - 1] (or 0) up to bounds[k] - 1.
  const bounds = sorted.filter((edge, i) => edge > 0 && edge !== sorted[i - 1]);
  const classOf = (rune: number): number => {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! <= rune) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const ascii = new Uint16Array(128);
  for (let c = 0, k = 0; c < 128; c++) {
    while (k < bounds.length && bounds[k]! <= c) k++;
    ascii[c] = k;
  }
  return { size: bounds.length + 1, ascii, classOf, representative: (cls) => (cls === 0 ? 0 : bounds[cls - 1]!) };
}
