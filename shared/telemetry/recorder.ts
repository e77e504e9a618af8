// Per-instance metrics in memory: counters, latency distributions with fixed bucket bounds and
// gauges, keyed by metric and label values, drained into one message per interval.
// PERFORMANCE NOTE: recording is a string concatenation and a Map update, no allocation beyond
// the labels object, so the evaluate function can count every evaluation.

import { LATENCY_BUCKETS_MS, METRICS, type CounterName, type DistributionName, type GaugeName, type LabelsOf, type MetricName } from './metrics.ts';

export type CounterPoint = { readonly m: CounterName; readonly l: Record<string, string>; v: number };
export type DistributionPoint = { readonly m: DistributionName; readonly l: Record<string, string>; count: number; sum: number; sumSq: number; readonly buckets: number[] };
export type GaugePoint = { readonly m: GaugeName; readonly l: Record<string, string>; v: number };

export type Drained = { readonly counters: CounterPoint[]; readonly distributions: DistributionPoint[]; readonly gauges: GaugePoint[] };

export type MetricsRecorder = {
  readonly count: <N extends CounterName>(name: N, labels: LabelsOf<N>, by?: number) => void;
  /** One counter series bound once: each call adds 1 without building its key (for hot paths). */
  readonly counter: <N extends CounterName>(name: N, labels: LabelsOf<N>) => () => void;
  readonly observe: <N extends DistributionName>(name: N, labels: LabelsOf<N>, value: number) => void;
  readonly gauge: <N extends GaugeName>(name: N, labels: LabelsOf<N>, value: number) => void;
  /** Everything recorded since the last drain; counters and distributions start again from zero. */
  readonly drain: () => Drained;
  /**
   * Called at the start of every drain, to set gauges that describe a state rather than events
   * (how old a snapshot is at the end of the interval). Returns the unregistering function.
   */
  readonly sampleOnDrain: (sample: () => void) => () => void;
  /** Series refused since the last drain because the instance held too many. */
  readonly refusedSeries: () => number;
};

function keyOf(name: MetricName, labels: Readonly<Record<string, string>>): string {
  let key: string = name;
  for (const label of METRICS[name].labels) key += `\u0001${labels[label]}`;
  return key;
}

function copyLabels(name: MetricName, labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const label of METRICS[name].labels) out[label] = String(labels[label]);
  return out;
}

export function bucketIndex(value: number, bounds: readonly number[] = LATENCY_BUCKETS_MS): number {
  let i = 0;
  while (i < bounds.length && value > bounds[i]!) i++;
  return i;
}

/** `maxSeries` bounds the series held between drains: label values from requests cannot grow memory. */
export function createMetricsRecorder(options: { maxSeries?: number } = {}): MetricsRecorder {
  const maxSeries = options.maxSeries ?? 10_000;
  let counters = new Map<string, CounterPoint>();
  let distributions = new Map<string, DistributionPoint>();
  let gauges = new Map<string, GaugePoint>();
  let refused = 0;
  const samplers = new Set<() => void>();
  // Drains replace the maps; a bound counter re-finds its point when the generation moved on.
  let generation = 0;
  const full = () => counters.size + distributions.size + gauges.size >= maxSeries;
  const count = (name: CounterName, labels: Readonly<Record<string, string>>, by = 1, key = keyOf(name, labels)): CounterPoint | undefined => {
    const point = counters.get(key);
    if (point) point.v += by;
    else if (full()) refused++;
    else {
      const created = { m: name, l: copyLabels(name, labels), v: by };
      counters.set(key, created);
      return created;
    }
    return point;
  };
  return {
    count: (name, labels, by = 1) => void count(name, labels, by),
    counter: (name, labels) => {
      const key = keyOf(name, labels);
      let point: CounterPoint | undefined;
      let seen = -1;
      return () => {
        if (point !== undefined && seen === generation) point.v++;
        else {
          point = count(name, labels, 1, key);
          seen = generation;
        }
      };
    },
    observe: (name, labels, value) => {
      const key = keyOf(name, labels);
      let point = distributions.get(key);
      if (!point) {
        if (full()) return void refused++;
        point = { m: name, l: copyLabels(name, labels), count: 0, sum: 0, sumSq: 0, buckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) };
        distributions.set(key, point);
      }
      point.count++;
      point.sum += value;
      point.sumSq += value * value;
      point.buckets[bucketIndex(value)]!++;
    },
    gauge: (name, labels, value) => {
      const key = keyOf(name, labels);
      const point = gauges.get(key);
      if (point) point.v = value;
      else if (full()) refused++;
      else gauges.set(key, { m: name, l: copyLabels(name, labels), v: value });
    },
    sampleOnDrain: (sample) => {
      samplers.add(sample);
      return () => void samplers.delete(sample);
    },
    drain: () => {
      for (const sample of samplers) sample();
      const drained = { counters: [...counters.values()], distributions: [...distributions.values()], gauges: [...gauges.values()] };
      counters = new Map();
      generation++;
      distributions = new Map();
      gauges = new Map();
      return drained;
    },
    refusedSeries: () => {
      const r = refused;
      refused = 0;
      return r;
    },
  };
}
