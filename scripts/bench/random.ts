// A seeded PRNG (mulberry32), so every run and every engine sees the same users and flags.

import { mulberry32 } from '../../shared/seeded-random.ts';

export type Random = {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max], both inclusive. */
  readonly int: (min: number, max: number) => number;
  readonly pick: <T>(items: readonly T[]) => T;
  /** `count` distinct items, in random order. */
  readonly sample: <T>(items: readonly T[], count: number) => T[];
  /** An item drawn with the given weights: `[[item, weight], ...]`. */
  readonly weighted: <T>(table: readonly (readonly [T, number])[]) => T;
  readonly chance: (probability: number) => boolean;
};

export function seeded(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  const weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    const total = table.reduce((sum, [, w]) => sum + w, 0);
    let x = next() * total;
    for (const [item, w] of table) {
      x -= w;
      if (x < 0) return item;
    }
    return table[table.length - 1]![0];
  };
  return { next, int, pick, sample, weighted, chance: (p) => next() < p };
}
