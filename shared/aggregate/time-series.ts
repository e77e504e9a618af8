// Merged points as Cloud Monitoring TimeSeries, and the requests that carry them: at most 200
// series per request and one point per series per request, each series' points in time order.
// Counters and distributions are CUMULATIVE points that restart every minute (their interval is
// the minute), gauges are GAUGE points at the minute's end; functions/aggregate/README.md says why.

import { LATENCY_BUCKETS_MS, METRICS, metricType } from '../telemetry/metrics.ts';
import { MINUTE_MS, seriesKey, type MergedPoint } from './merge.ts';

/** The subset of google.monitoring.v3.TimeSeries we write: plain JSON, so it can wait in the outbox. */
export type TimeSeries = {
  readonly metric: { readonly type: string; readonly labels: Readonly<Record<string, string>> };
  readonly resource: { readonly type: 'global'; readonly labels: { readonly project_id: string } };
  readonly metricKind: 'CUMULATIVE' | 'GAUGE';
  readonly valueType: 'INT64' | 'DOUBLE' | 'DISTRIBUTION';
  readonly unit: string;
  readonly points: readonly [TimePoint];
};
type Timestamp = { readonly seconds: number; readonly nanos: number };
export type TimePoint = {
  readonly interval: { readonly startTime?: Timestamp; readonly endTime: Timestamp };
  readonly value: { readonly int64Value: number } | { readonly doubleValue: number } | { readonly distributionValue: DistributionValue };
};
export type DistributionValue = {
  readonly count: number;
  readonly mean: number;
  readonly sumOfSquaredDeviation: number;
  readonly bucketOptions: { readonly explicitBuckets: { readonly bounds: readonly number[] } };
  readonly bucketCounts: readonly number[];
};

/** Cloud Monitoring's limit on TimeSeries in one CreateTimeSeries request. */
export const MAX_SERIES_PER_REQUEST = 200;

const timestamp = (ms: number): Timestamp => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/**
 * The minute a point is written at. Monitoring refuses a point not newer than the series' last
 * one, so a minute at or before the last minute already written (the watermark: late messages,
 * an instance that buffered through an outage) moves to the minute after it; Firestore rollups
 * keep the true minute. A minute past the run's own is the run's (instance clocks drift).
 */
export function writeMinute(minute: number, runMinute: number, watermark: number | undefined): number {
  const clamped = Math.min(minute, runMinute);
  return watermark !== undefined && clamped <= watermark ? watermark + MINUTE_MS : clamped;
}

export function toTimeSeries(point: MergedPoint, minute: number, projectId: string): TimeSeries {
  const spec = METRICS[point.m];
  const base = { metric: { type: metricType(point.m), labels: point.l }, resource: { type: 'global' as const, labels: { project_id: projectId } }, unit: spec.unit };
  // The interval ends a millisecond before the next minute starts, so consecutive minutes of a
  // series never touch: a cumulative point whose start moved must start after the last one ended.
  const whole = { startTime: timestamp(minute), endTime: timestamp(minute + MINUTE_MS - 1) };
  switch (point.kind) {
    case 'counter':
      return { ...base, metricKind: 'CUMULATIVE', valueType: 'INT64', points: [{ interval: whole, value: { int64Value: Math.round(point.v) } }] };
    case 'distribution': {
      const mean = point.count > 0 ? point.sum / point.count : 0;
      // sum of (x - mean)^2 = sum of x^2 - n mean^2; rounding may take it just below zero.
      const deviation = point.count > 0 ? Math.max(0, point.sumSq - point.count * mean * mean) : 0;
      const distributionValue = { count: point.count, mean, sumOfSquaredDeviation: deviation, bucketOptions: { explicitBuckets: { bounds: [...LATENCY_BUCKETS_MS] } }, bucketCounts: [...point.buckets] };
      return { ...base, metricKind: 'CUMULATIVE', valueType: 'DISTRIBUTION', points: [{ interval: whole, value: { distributionValue } }] };
    }
    case 'gauge':
      return { ...base, metricKind: 'GAUGE', valueType: 'DOUBLE', points: [{ interval: { endTime: whole.endTime }, value: { doubleValue: point.v } }] };
  }
}

export type SeriesPlan = {
  /** Requests in the order they must be sent. */
  readonly requests: readonly (readonly TimeSeries[])[];
  /** The latest minute written, the next run's watermark. */
  readonly watermark: number | undefined;
};

/** Points as requests: earlier minutes first; a series seen again starts a new request. */
export function planRequests(points: readonly MergedPoint[], options: { projectId: string; runMinute: number; watermark: number | undefined }): SeriesPlan {
  const placed = points
    .map((point) => ({ point, minute: writeMinute(point.minute, options.runMinute, options.watermark), key: seriesKey(point.m, point.l) }))
    .sort((a, b) => a.minute - b.minute);
  const requests: TimeSeries[][] = [];
  let current: TimeSeries[] = [];
  let inCurrent = new Set<string>();
  let watermark = options.watermark;
  for (const { point, minute, key } of placed) {
    if (current.length === MAX_SERIES_PER_REQUEST || inCurrent.has(key)) {
      requests.push(current);
      current = [];
      inCurrent = new Set();
    }
    current.push(toTimeSeries(point, minute, options.projectId));
    inCurrent.add(key);
    watermark = watermark === undefined ? minute : Math.max(watermark, minute);
  }
  if (current.length > 0) requests.push(current);
  return { requests, watermark };
}
