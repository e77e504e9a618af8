import assert from 'node:assert/strict';
import { LATENCY_BUCKETS_MS, METRICS, METRIC_NAMES, metricType } from '../../../shared/telemetry/metrics.ts';
import { bucketIndex, createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { MetricsMessageSchema, metricsMessage } from '../../../shared/telemetry/metrics-message.ts';
import { evaluationObserver } from '../../../shared/telemetry/evaluation-metrics.ts';

describe('metrics catalogue', () => {
  it('names every metric DESIGN.md section 5 asks for under custom.googleapis.com/switchyard/', () => {
    for (const name of ['evaluations', 'evaluation_latency', 'rule_matches', 'cache_lookups', 'snapshot_age', 'errors', 'http_requests', 'http_latency', 'rate_limit_hits', 'rate_limit_rejections', 'auth_failures', 'exposures', 'srm_p_value', 'srm_mismatch', 'metrics_dropped'] as const) {
      assert.ok(METRIC_NAMES.includes(name), name);
      assert.equal(metricType(name), `custom.googleapis.com/switchyard/${name}`);
    }
    for (const name of METRIC_NAMES) {
      assert.match(name, /^[a-z][a-z0-9_]*$/);
      assert.ok(METRICS[name].description.length > 10, name);
      if (METRICS[name].kind === 'distribution') assert.equal(METRICS[name].unit, 'ms');
    }
  });

  it('refuses unknown names and wrong labels at compile time', () => {
    // Type-checked by `tsc`, never run: each line is an error the compiler must report.
    const wrong = (recorder: ReturnType<typeof createMetricsRecorder>) => {
      // @ts-expect-error: not in the catalogue
      recorder.count('evaluationz', { environment: 'e' });
      // @ts-expect-error: a distribution is not a counter
      recorder.count('http_latency', { function: 'f', route: 'r' });
      // @ts-expect-error: a label is missing
      recorder.count('evaluations', { environment: 'e', flag: 'f', variant: 'v' });
    };
    assert.equal(typeof wrong, 'function');
  });
});

describe('metrics recorder', () => {
  it('adds counters by metric and labels, and starts again after a drain', () => {
    const recorder = createMetricsRecorder();
    recorder.count('evaluations', { environment: 'prod', flag: 'a', variant: 'on', reason: 'STATIC' });
    recorder.count('evaluations', { environment: 'prod', flag: 'a', variant: 'on', reason: 'STATIC' }, 2);
    recorder.count('evaluations', { environment: 'prod', flag: 'a', variant: 'off', reason: 'STATIC' });
    const drained = recorder.drain();
    assert.deepEqual(drained.counters.map((c) => [c.l.variant, c.v]), [['on', 3], ['off', 1]]);
    assert.deepEqual(recorder.drain().counters, []);
  });

  it('puts latencies in fixed buckets with count, sum and sum of squares', () => {
    assert.equal(bucketIndex(0.01), 0);
    assert.equal(bucketIndex(1), LATENCY_BUCKETS_MS.indexOf(1));
    assert.equal(bucketIndex(1.01), LATENCY_BUCKETS_MS.indexOf(2.5));
    assert.equal(bucketIndex(1e9), LATENCY_BUCKETS_MS.length);
    const recorder = createMetricsRecorder();
    for (const v of [0.2, 0.3, 3]) recorder.observe('http_latency', { function: 'evaluate', route: '/x' }, v);
    const [d] = recorder.drain().distributions;
    assert.equal(d!.count, 3);
    assert.ok(Math.abs(d!.sum - 3.5) < 1e-9);
    assert.ok(Math.abs(d!.sumSq - (0.04 + 0.09 + 9)) < 1e-9);
    assert.equal(d!.buckets.reduce((a, b) => a + b, 0), 3);
    assert.equal(d!.buckets[LATENCY_BUCKETS_MS.indexOf(0.25)], 1);
  });

  it('holds at most maxSeries series and counts the rest as refused', () => {
    const recorder = createMetricsRecorder({ maxSeries: 2 });
    for (const flag of ['a', 'b', 'c', 'd']) recorder.count('evaluations', { environment: 'e', flag, variant: 'v', reason: 'STATIC' });
    recorder.count('evaluations', { environment: 'e', flag: 'a', variant: 'v', reason: 'STATIC' });
    assert.equal(recorder.drain().counters.length, 2);
    assert.equal(recorder.refusedSeries(), 2);
    assert.equal(recorder.refusedSeries(), 0);
  });

  it('counts evaluations, rule matches and experiment exposures, never context values', () => {
    const recorder = createMetricsRecorder();
    const observe = evaluationObserver(recorder, 'prod');
    observe('checkout', { reason: 'SPLIT', value: true, variant: 'on', ruleId: 'r1', bucket: 42, experimentId: 'exp-1' } as never);
    observe('missing', undefined);
    const message = metricsMessage(recorder.drain(), { instance: 'i', function: 'evaluate', start: 0, end: 1 });
    assert.deepEqual(message.counters.map((c) => [c.m, c.l]), [
      ['evaluations', { environment: 'prod', flag: 'checkout', variant: 'on', reason: 'SPLIT' }],
      ['rule_matches', { environment: 'prod', flag: 'checkout', rule: 'r1' }],
      ['exposures', { environment: 'prod', experiment: 'exp-1', variant: 'on' }],
      ['evaluations', { environment: 'prod', flag: 'missing', variant: '', reason: 'ERROR' }],
    ]);
    assert.ok(MetricsMessageSchema.safeParse(message).success);
  });
});

describe('metrics message schema', () => {
  const base = { v: 1, instance: 'i', function: 'evaluate', start: 0, end: 60_000, distributions: [], gauges: [] };
  it('accepts catalogue metrics with exactly their labels', () => {
    assert.ok(MetricsMessageSchema.safeParse({ ...base, counters: [{ m: 'auth_failures', l: { function: 'evaluate', reason: 'missing' }, v: 2 }] }).success);
  });
  it('refuses unknown metrics, missing or extra labels, and a distribution of the wrong shape', () => {
    assert.equal(MetricsMessageSchema.safeParse({ ...base, counters: [{ m: 'nope', l: {}, v: 1 }] }).success, false);
    assert.equal(MetricsMessageSchema.safeParse({ ...base, counters: [{ m: 'auth_failures', l: { function: 'evaluate' }, v: 1 }] }).success, false);
    assert.equal(MetricsMessageSchema.safeParse({ ...base, counters: [{ m: 'auth_failures', l: { function: 'e', reason: 'r', targetingKey: 'u' }, v: 1 }] }).success, false);
    assert.equal(MetricsMessageSchema.safeParse({ ...base, counters: [], distributions: [{ m: 'http_latency', l: { function: 'e', route: 'r' }, count: 1, sum: 1, sumSq: 1, buckets: [1] }] }).success, false);
  });
});

describe('bound counters', () => {
  it('keep counting across drains, into the new interval', () => {
    const recorder = createMetricsRecorder();
    const increment = recorder.counter('evaluations', { environment: 'e', flag: 'f', variant: 'on', reason: 'STATIC' });
    increment();
    increment();
    assert.equal(recorder.drain().counters[0]!.v, 2);
    increment();
    assert.equal(recorder.drain().counters[0]!.v, 1);
    assert.deepEqual(recorder.drain().counters, []);
  });

  it('count frozen results through bound counters with the same totals', () => {
    const recorder = createMetricsRecorder();
    const observe = evaluationObserver(recorder, 'prod');
    const frozen = Object.freeze({ reason: 'TARGETING_MATCH', value: true, variant: 'on', ruleId: 'r' });
    for (let i = 0; i < 3; i++) observe('f', frozen as never);
    recorder.drain();
    observe('f', frozen as never);
    assert.deepEqual(recorder.drain().counters.map((c) => [c.m, c.v]), [['evaluations', 1], ['rule_matches', 1]]);
  });
});
