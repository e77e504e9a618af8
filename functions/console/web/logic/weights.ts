// The percentage split editor's arithmetic: the live total, and rebalancing so it makes 100.

import type { Split } from '../../../../shared/rules/index.ts';

/** Weights are percentages with at most three decimals (100,000 buckets). */
export const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function totalWeight(split: readonly Split[]): number {
  return round3(split.reduce((sum, s) => sum + s.weight, 0));
}

export function weightVerdict(split: readonly Split[]): { total: number; ok: boolean; message: string } {
  const total = totalWeight(split);
  if (total === 100) return { total, ok: true, message: 'Total 100%' };
  const gap = round3(100 - total);
  return { total, ok: false, message: gap > 0 ? `Total ${total}%: ${gap}% of users would get no variant from this rule` : `Total ${total}%: ${-gap}% over 100` };
}

/** Sets one weight and takes the difference from the last other entry, so the total stays 100. */
export function setWeight(split: readonly Split[], index: number, weight: number): Split[] {
  const clamped = round3(Math.min(100, Math.max(0, weight)));
  const next = split.map((s, i) => (i === index ? { ...s, weight: clamped } : s));
  const other = index === next.length - 1 ? next.length - 2 : next.length - 1;
  if (other < 0) return next;
  const rest = round3(100 - next.reduce((sum, s, i) => (i === other ? sum : sum + s.weight), 0));
  if (rest >= 0) next[other] = { ...next[other]!, weight: rest };
  return next;
}

/** Equal shares (the remainder of rounding on the first). */
export function evenSplit(variants: readonly string[]): Split[] {
  if (variants.length === 0) return [];
  const share = Math.floor((100 / variants.length) * 1000) / 1000;
  const first = round3(100 - share * (variants.length - 1));
  return variants.map((variant, i) => ({ variant, weight: i === 0 ? first : share }));
}
