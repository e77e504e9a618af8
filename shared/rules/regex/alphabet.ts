// Splits the code points into the few classes a pattern can tell apart (every code point of a
// class is in exactly the same sets), so a DFA state needs one transition per class, not per code
// point. The code points are first cut into intervals at every range boundary; intervals that lie
// in exactly the same sets then share a class, so `\pL` (hundreds of ranges) makes two classes,
// not hundreds. ASCII maps through a table; the rest by binary search over the interval bounds.

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

export function buildAlphabet(all: readonly Ranges[]): Alphabet {
  // A counted repetition unrolls into many nodes sharing one set (\pL{74}: 74 times the same
  // hundreds of ranges), so each distinct set is cut in once.
  const sets = [...new Set(all)];
  const edges: number[] = [];
  for (const ranges of sets) {
    for (let i = 0; i < ranges.length; i += 2) edges.push(ranges[i]!, ranges[i + 1]! + 1);
  }
  // A typed array sorts numerically without a comparator, several times faster than Array#sort.
  const sorted = Int32Array.from(edges).sort();
  // Interval k holds the code points from bounds[k - 1] (or 0) up to bounds[k] - 1.
  const bounds = sorted.filter((edge, i) => edge > 0 && edge !== sorted[i - 1]);
  const intervalOf = (rune: number): number => {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! <= rune) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Each interval's signature: the sets holding it, in order (a set holds an interval whole or not at all).
  const signatures: string[] = Array.from({ length: bounds.length + 1 }, () => '');
  sets.forEach((ranges, set) => {
    const tag = `${set},`;
    for (let i = 0; i < ranges.length; i += 2) {
      for (let k = intervalOf(ranges[i]!), last = intervalOf(ranges[i + 1]!); k <= last; k++) signatures[k] += tag;
    }
  });
  const classes = new Map<string, number>();
  const classOfInterval = new Int32Array(signatures.length);
  const representatives: number[] = [];
  signatures.forEach((signature, k) => {
    let cls = classes.get(signature);
    if (cls === undefined) {
      cls = classes.size;
      classes.set(signature, cls);
      representatives.push(k === 0 ? 0 : bounds[k - 1]!);
    }
    classOfInterval[k] = cls;
  });
  const classOf = (rune: number): number => classOfInterval[intervalOf(rune)]!;
  const ascii = new Uint16Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = classOf(c);
  return { size: classes.size, ascii, classOf, representative: (cls) => representatives[cls]! };
}
