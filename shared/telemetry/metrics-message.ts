// The message each instance publishes per interval: compact, versioned, and checked by zod on
// both sides. Only catalogue names and their labels travel; no context values, no targeting keys.

import * as z from 'zod';
import { LATENCY_BUCKETS_MS, METRICS, METRIC_NAMES, type MetricKind, type MetricName } from './metrics.ts';
import type { Drained } from './recorder.ts';

const namesOf = (kind: MetricKind) => METRIC_NAMES.filter((n) => METRICS[n].kind === kind) as [MetricName, ...MetricName[]];
const labels = z.record(z.string(), z.string().max(256));
const count = z.number().finite().nonnegative();

const CounterSchema = z.strictObject({ m: z.enum(namesOf('counter')), l: labels, v: count });
const DistributionSchema = z.strictObject({
  m: z.enum(namesOf('distribution')),
  l: labels,
  count,
  sum: z.number().finite(),
  sumSq: z.number().finite().nonnegative(),
  buckets: z.array(count).length(LATENCY_BUCKETS_MS.length + 1),
});
const GaugeSchema = z.strictObject({ m: z.enum(namesOf('gauge')), l: labels, v: z.number().finite() });

function labelsMatch(point: { m: MetricName; l: Record<string, string> }): boolean {
  const expected: readonly string[] = METRICS[point.m].labels;
  const actual = Object.keys(point.l);
  return actual.length === expected.length && expected.every((name) => name in point.l);
}

export const MetricsMessageSchema = z
  .strictObject({
    v: z.literal(1),
    /** Which instance sent it, and which function it serves. */
    instance: z.string().min(1).max(128),
    function: z.string().min(1).max(64),
    /** The interval the points cover (epoch ms). */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    counters: z.array(CounterSchema),
    distributions: z.array(DistributionSchema),
    gauges: z.array(GaugeSchema),
  })
  .superRefine((message, ctx) => {
    for (const [field, points] of [['counters', message.counters], ['distributions', message.distributions], ['gauges', message.gauges]] as const) {
      points.forEach((point, i) => {
        if (!labelsMatch(point)) ctx.addIssue({ code: 'custom', path: [field, i, 'l'], message: `labels of ${point.m} must be exactly ${METRICS[point.m].labels.join(', ') || '(none)'}` });
      });
    }
  });

export type MetricsMessage = z.infer<typeof MetricsMessageSchema>;

export function metricsMessage(drained: Drained, meta: { instance: string; function: string; start: number; end: number }): MetricsMessage {
  return { v: 1, ...meta, counters: drained.counters, distributions: drained.distributions, gauges: drained.gauges };
}

export function isEmpty(message: MetricsMessage): boolean {
  return message.counters.length === 0 && message.distributions.length === 0 && message.gauges.length === 0;
}
