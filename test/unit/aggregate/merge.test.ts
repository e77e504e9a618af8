import assert from 'node:assert/strict';
import { mergeMessages, minuteOf, type MergedPoint } from '../../../shared/aggregate/merge.ts';
import { aMessage, evaluations, latency, T0 } from './messages.ts';

const find = (points: readonly MergedPoint[], m: string, minute: number) => points.filter((p) => p.m === m && p.minute === minute);

describe('aggregator merge', () => {
  it('buckets a message into the minute its interval ends in', () => {
    assert.equal(minuteOf(T0 + 59_999), T0);
    assert.equal(minuteOf(T0 + 60_000), T0 + 60_000);
    const merged = mergeMessages([aMessage({ start: T0 + 30_000, end: T0 + 90_000, counters: [evaluations('a', 'on', 1)] })]);
    assert.deepEqual(merged.points.map((p) => p.minute), [T0 + 60_000]);
  });

  it('adds counters of the same metric, labels and minute from many instances', () => {
    const merged = mergeMessages([
      aMessage({ instance: 'i-1', counters: [evaluations('a', 'on', 3), evaluations('a', 'off', 1)] }),
      aMessage({ instance: 'i-2', counters: [evaluations('a', 'on', 4)] }),
      aMessage({ instance: 'i-3', end: T0 + 61_000, counters: [evaluations('a', 'on', 10)] }),
    ]);
    const minute0 = find(merged.points, 'evaluations', T0);
    assert.deepEqual(minute0.map((p) => [p.l.variant, p.kind === 'counter' && p.v]), [['on', 7], ['off', 1]]);
    assert.deepEqual(find(merged.points, 'evaluations', T0 + 60_000).map((p) => p.kind === 'counter' && p.v), [10]);
    assert.equal(merged.messages, 3);
  });

  it('keeps series apart that differ in any label', () => {
    const merged = mergeMessages([aMessage({ counters: [evaluations('a', 'on', 1), evaluations('a', 'on', 1, 'SPLIT'), evaluations('a', 'on', 1, 'TARGETING_MATCH', 'staging')] })]);
    assert.equal(merged.points.length, 3);
  });

  it('adds distributions bucket by bucket, with their count, sum and sum of squares', () => {
    const merged = mergeMessages([aMessage({ distributions: [latency([0.2, 0.4])] }), aMessage({ instance: 'i-2', distributions: [latency([30])] })]);
    const [point] = merged.points;
    assert.ok(point?.kind === 'distribution');
    assert.equal(point.count, 3);
    assert.ok(Math.abs(point.sum - 30.6) < 1e-9);
    assert.ok(Math.abs(point.sumSq - (0.04 + 0.16 + 900)) < 1e-9);
    assert.deepEqual(point.buckets, latency([0.2, 0.4, 30]).buckets);
  });

  it('keeps the largest gauge of a minute: the oldest snapshot any instance served', () => {
    const age = (v: number) => ({ m: 'snapshot_age' as const, l: { environment: 'prod' }, v });
    const merged = mergeMessages([aMessage({ gauges: [age(4)] }), aMessage({ instance: 'i-2', gauges: [age(120)] }), aMessage({ instance: 'i-3', gauges: [age(7)] })]);
    assert.deepEqual(merged.points.map((p) => p.kind === 'gauge' && p.v), [120]);
  });

  it('does not change the messages it merges', () => {
    const message = aMessage({ distributions: [latency([1])] });
    const before = structuredClone(message);
    mergeMessages([message, message]);
    assert.deepEqual(message, before);
  });
});
