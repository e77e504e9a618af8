// A flag's usage minutes as chart series: evaluations per variant and per rule, summed into
// buckets that keep a chart readable (a minute for the last hour, half an hour for a day, three
// hours for a week). Minutes the rollups left out (nothing evaluated) count as zero.

import type { ChartSeries } from './chart-data.ts';

export type UsageRange = '1h' | '24h' | '7d';

export const USAGE_RANGES: Readonly<Record<UsageRange, { readonly minutes: number; readonly bucketMinutes: number; readonly label: string; readonly span: string }>> = {
  '1h': { minutes: 60, bucketMinutes: 1, label: '1 h', span: 'the last hour' },
  '24h': { minutes: 24 * 60, bucketMinutes: 30, label: '24 h', span: 'the last 24 hours' },
  '7d': { minutes: 7 * 24 * 60, bucketMinutes: 180, label: '7 d', span: 'the last 7 days' },
};

export type UsageMinute = { readonly minute: number; readonly evaluations: number; readonly variants: Readonly<Record<string, number>>; readonly rules: Readonly<Record<string, number>> };

/** What evaluations no rule matched are called: they were served by the default (or the flag was off). */
export const NO_RULE = 'no rule (default)';

export type UsageCharts = { readonly times: number[]; readonly variants: ChartSeries[]; readonly rules: ChartSeries[] };

/** Bucket starts from `from` up to `to`, one every `bucketMinutes`. */
function bucketStarts(from: number, to: number, bucketMs: number): number[] {
  const times: number[] = [];
  for (let t = from; t < to; t += bucketMs) times.push(t);
  return times;
}

/** Series sorted by their total, largest first (the legend reads in order of weight). */
function toSeries(byLabel: Map<string, number[]>): ChartSeries[] {
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return [...byLabel.entries()].sort(([a, x], [b, y]) => total(y) - total(x) || a.localeCompare(b)).map(([label, values]) => ({ label, values }));
}

export function usageCharts(minutes: readonly UsageMinute[], from: number, to: number, bucketMinutes: number): UsageCharts {
  const bucketMs = bucketMinutes * 60_000;
  const times = bucketStarts(from, to, bucketMs);
  const variants = new Map<string, number[]>();
  const rules = new Map<string, number[]>();
  const add = (into: Map<string, number[]>, label: string, bucket: number, n: number) => {
    if (n === 0) return;
    let values = into.get(label);
    if (!values) into.set(label, (values = new Array<number>(times.length).fill(0)));
    values[bucket]! += n;
  };
  for (const m of minutes) {
    const bucket = Math.floor((m.minute - from) / bucketMs);
    if (bucket < 0 || bucket >= times.length) continue;
    for (const [variant, n] of Object.entries(m.variants)) add(variants, variant, bucket, n);
    let matched = 0;
    for (const [rule, n] of Object.entries(m.rules)) {
      add(rules, rule, bucket, n);
      matched += n;
    }
    add(rules, NO_RULE, bucket, Math.max(0, m.evaluations - matched));
  }
  return { times, variants: toSeries(variants), rules: toSeries(rules) };
}
