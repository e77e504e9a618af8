// Builders of metrics messages as instances publish them, for the aggregator's tests and bench.

import { LATENCY_BUCKETS_MS } from '../../../shared/telemetry/metrics.ts';
import type { MetricsMessage } from '../../../shared/telemetry/metrics-message.ts';

export const T0 = Date.parse('2026-11-23T12:00:00Z');

export function aMessage(overrides: Partial<MetricsMessage> = {}): MetricsMessage {
  return { v: 1, instance: 'i-1', function: 'evaluate', start: T0, end: T0 + 30_000, counters: [], distributions: [], gauges: [], ...overrides };
}

export const evaluations = (flag: string, variant: string, v: number, reason = 'TARGETING_MATCH', environment = 'prod') =>
  ({ m: 'evaluations' as const, l: { environment, flag, variant, reason }, v });

export const exposures = (experiment: string, variant: string, v: number, environment = 'prod') =>
  ({ m: 'exposures' as const, l: { environment, experiment, variant }, v });

/** A latency distribution of the given observations (ms). */
export function latency(values: readonly number[], route = '/ofrep/v1/evaluate/flags/:key') {
  const buckets = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  for (const v of values) {
    let i = 0;
    while (i < LATENCY_BUCKETS_MS.length && v > LATENCY_BUCKETS_MS[i]!) i++;
    buckets[i]!++;
  }
  return { m: 'evaluation_latency' as const, l: { environment: 'prod', route }, count: values.length, sum: values.reduce((a, v) => a + v, 0), sumSq: values.reduce((a, v) => a + v * v, 0), buckets };
}
