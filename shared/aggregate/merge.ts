// Merging what many instances sent into one value per metric, label set and minute: counters and
// distributions add up; gauges keep the largest value (the worst instance: the oldest snapshot).

import { METRICS, type CounterName, type DistributionName, type GaugeName, type MetricName } from '../telemetry/metrics.ts';
import type { MetricsMessage } from '../telemetry/metrics-message.ts';

export const MINUTE_MS = 60_000;

/** The minute (epoch ms, floored) a message's points belong to: the end of the interval they cover. */
export function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

type Labels = Readonly<Record<string, string>>;
export type MergedCounter = { readonly kind: 'counter'; readonly m: CounterName; readonly l: Labels; readonly minute: number; v: number };
export type MergedDistribution = { readonly kind: 'distribution'; readonly m: DistributionName; readonly l: Labels; readonly minute: number; count: number; sum: number; sumSq: number; readonly buckets: number[] };
export type MergedGauge = { readonly kind: 'gauge'; readonly m: GaugeName; readonly l: Labels; readonly minute: number; v: number };
export type MergedPoint = MergedCounter | MergedDistribution | MergedGauge;

/** The identity of a series (metric and label values in catalogue order), without its minute. */
export function seriesKey(m: MetricName, l: Labels): string {
  let key: string = m;
  for (const label of METRICS[m].labels) key += `\u0001${l[label] ?? ''}`;
  return key;
}

export type Merged = {
  readonly points: readonly MergedPoint[];
  /** Messages that went in. */
  readonly messages: number;
};

export function mergeMessages(messages: Iterable<MetricsMessage>): Merged {
  const byKey = new Map<string, MergedPoint>();
  let count = 0;
  // The schema admits only counter names in `counters` (and so on), which its type does not say.
  for (const message of messages) {
    count++;
    const minute = minuteOf(message.end);
    for (const c of message.counters) {
      const key = `${seriesKey(c.m, c.l)}\u0002${minute}`;
      const point = byKey.get(key);
      if (point?.kind === 'counter') point.v += c.v;
      else byKey.set(key, { kind: 'counter', m: c.m as CounterName, l: c.l, minute, v: c.v });
    }
    for (const d of message.distributions) {
      const key = `${seriesKey(d.m, d.l)}\u0002${minute}`;
      const point = byKey.get(key);
      if (point?.kind === 'distribution') {
        point.count += d.count;
        point.sum += d.sum;
        point.sumSq += d.sumSq;
        d.buckets.forEach((n, i) => (point.buckets[i]! += n));
      } else byKey.set(key, { kind: 'distribution', m: d.m as DistributionName, l: d.l, minute, count: d.count, sum: d.sum, sumSq: d.sumSq, buckets: [...d.buckets] });
    }
    for (const g of message.gauges) {
      const key = `${seriesKey(g.m, g.l)}\u0002${minute}`;
      const point = byKey.get(key);
      if (point?.kind === 'gauge') point.v = Math.max(point.v, g.v);
      else byKey.set(key, { kind: 'gauge', m: g.m as GaugeName, l: g.l, minute, v: g.v });
    }
  }
  return { points: [...byKey.values()], messages: count };
}
