// What a flag did over a span of minutes, from the aggregator's rollups: evaluations, errors, and
// per variant, reason and rule; each rule's match rate is its matches over the flag's evaluations.
// What the admin API answers for the console to show next to each rule.

import type { FlagMinute } from './rollup-store.ts';
import { addCount } from '../rules/own.ts';

export type FlagUsage = {
  readonly from: number;
  readonly to: number;
  readonly evaluations: number;
  readonly errors: number;
  readonly variants: Readonly<Record<string, number>>;
  readonly reasons: Readonly<Record<string, number>>;
  readonly rules: Readonly<Record<string, { readonly matches: number; readonly matchRate: number }>>;
  /** Per minute, oldest first (minutes without any are left out): evaluations, and by variant and by rule, for charts over time. */
  readonly minutes: readonly { readonly minute: number; readonly evaluations: number; readonly variants: Readonly<Record<string, number>>; readonly rules: Readonly<Record<string, number>> }[];
};

export function summarizeUsage(minutes: readonly FlagMinute[], from: number, to: number): FlagUsage {
  const add = (into: Record<string, number>, counts: Readonly<Record<string, number>>) => {
    for (const [k, v] of Object.entries(counts)) addCount(into, k, v);
  };
  const variants: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  const matches: Record<string, number> = {};
  let evaluations = 0;
  let errors = 0;
  for (const m of minutes) {
    evaluations += m.evaluations;
    errors += m.errors;
    add(variants, m.variants);
    add(reasons, m.reasons);
    add(matches, m.rules);
  }
  const rules = Object.fromEntries(Object.entries(matches).map(([id, n]) => [id, { matches: n, matchRate: evaluations === 0 ? 0 : n / evaluations }]));
  return { from, to, evaluations, errors, variants, reasons, rules, minutes: minutes.map((m) => ({ minute: m.minute, evaluations: m.evaluations, variants: m.variants, rules: m.rules })) };
}
