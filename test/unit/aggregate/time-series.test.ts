import assert from 'node:assert/strict';
import { mergeMessages, MINUTE_MS, type MergedPoint } from '../../../shared/aggregate/merge.ts';
import { MAX_SERIES_PER_REQUEST, planRequests, toTimeSeries, writeMinute } from '../../../shared/aggregate/time-series.ts';
import { LATENCY_BUCKETS_MS } from '../../../shared/telemetry/metrics.ts';
import { aMessage, evaluations, latency, T0 } from './messages.ts';

const counter = (flag: string, minute: number, v = 1): MergedPoint => ({ kind: 'counter', m: 'evaluations', l: { environment: 'prod', flag, variant: 'on', reason: 'STATIC' }, minute, v });
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('Monitoring time series from merged points', () => {
  it('writes a counter as a CUMULATIVE INT64 point whose interval is its minute', () => {
    const series = toTimeSeries(counter('checkout', T0, 7), T0, 'demo');
    assert.equal(series.metric.type, 'custom.googleapis.com/switchyard/evaluations');
    assert.deepEqual(series.metric.labels, { environment: 'prod', flag: 'checkout', variant: 'on', reason: 'STATIC' });
    assert.deepEqual(series.resource, { type: 'global', labels: { project_id: 'demo' } });
    assert.equal(series.metricKind, 'CUMULATIVE');
    assert.equal(series.valueType, 'INT64');
    assert.equal(series.points.length, 1);
    assert.deepEqual(series.points[0].value, { int64Value: 7 });
    assert.equal(series.points[0].interval.startTime?.seconds, seconds(T0));
    assert.ok(series.points[0].interval.endTime.seconds < seconds(T0 + MINUTE_MS), 'ends before the next minute starts');
  });

  it('writes a latency histogram as a DISTRIBUTION with the catalogue bucket bounds', () => {
    const [point] = mergeMessages([aMessage({ distributions: [latency([1, 3])] })]).points;
    const series = toTimeSeries(point!, T0, 'demo');
    assert.equal(series.valueType, 'DISTRIBUTION');
    const value = series.points[0].value;
    assert.ok('distributionValue' in value);
    assert.equal(value.distributionValue.count, 2);
    assert.equal(value.distributionValue.mean, 2);
    assert.equal(value.distributionValue.sumOfSquaredDeviation, 2); // (1-2)^2 + (3-2)^2
    assert.deepEqual(value.distributionValue.bucketOptions.explicitBuckets.bounds, [...LATENCY_BUCKETS_MS]);
    assert.equal(value.distributionValue.bucketCounts.length, LATENCY_BUCKETS_MS.length + 1);
  });

  it('writes a gauge as a GAUGE DOUBLE point with only an end time', () => {
    const series = toTimeSeries({ kind: 'gauge', m: 'srm_p_value', l: { environment: 'prod', experiment: 'e' }, minute: T0, v: 0.25 }, T0, 'demo');
    assert.equal(series.metricKind, 'GAUGE');
    assert.deepEqual(series.points[0].value, { doubleValue: 0.25 });
    assert.equal(series.points[0].interval.startTime, undefined);
  });

  it('puts at most 200 series in a request', () => {
    const points = Array.from({ length: 450 }, (_, i) => counter(`flag-${i}`, T0));
    const { requests } = planRequests(points, { projectId: 'demo', runMinute: T0, watermark: undefined });
    assert.deepEqual(requests.map((r) => r.length), [MAX_SERIES_PER_REQUEST, MAX_SERIES_PER_REQUEST, 50]);
  });

  it('sends a series with several minutes in several requests, earliest minute first', () => {
    const points = [counter('a', T0 + 2 * MINUTE_MS), counter('a', T0), counter('b', T0), counter('a', T0 + MINUTE_MS)];
    const { requests, watermark } = planRequests(points, { projectId: 'demo', runMinute: T0 + 2 * MINUTE_MS, watermark: undefined });
    for (const request of requests) {
      const keys = request.map((s) => JSON.stringify(s.metric));
      assert.equal(new Set(keys).size, keys.length, 'one point per series per request');
    }
    const startsOfA = requests.flatMap((r) => r.filter((s) => s.metric.labels.flag === 'a').map((s) => s.points[0].interval.startTime!.seconds));
    assert.deepEqual(startsOfA, [seconds(T0), seconds(T0 + MINUTE_MS), seconds(T0 + 2 * MINUTE_MS)]);
    assert.equal(requests.length, 3);
    assert.equal(watermark, T0 + 2 * MINUTE_MS);
  });

  it('moves a late minute after the last one written, and a future one back to the run\'s minute', () => {
    assert.equal(writeMinute(T0, T0 + 5 * MINUTE_MS, T0 + 2 * MINUTE_MS), T0 + 3 * MINUTE_MS);
    assert.equal(writeMinute(T0 + 4 * MINUTE_MS, T0 + 5 * MINUTE_MS, T0 + 2 * MINUTE_MS), T0 + 4 * MINUTE_MS);
    assert.equal(writeMinute(T0 + 9 * MINUTE_MS, T0 + 5 * MINUTE_MS, undefined), T0 + 5 * MINUTE_MS);
  });

  it('merges the counts of 100 instances into one point per flag and variant', () => {
    const messages = Array.from({ length: 100 }, (_, i) => aMessage({ instance: `i-${i}`, counters: [evaluations('a', 'on', 2), evaluations('a', 'off', 1)] }));
    const { requests } = planRequests(mergeMessages(messages).points, { projectId: 'demo', runMinute: T0, watermark: undefined });
    assert.deepEqual(requests.flat().map((s) => [s.metric.labels.variant, s.points[0].value]), [['on', { int64Value: 200 }], ['off', { int64Value: 100 }]]);
  });
});
