import assert from 'node:assert/strict';
import { runAggregation, type AggregatorDeps } from '../../../shared/aggregate/aggregate-run.ts';
import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import { memorySource, type MessageSource, type PulledMessage } from '../../../shared/aggregate/message-source.ts';
import { recordingWriter, type MetricWriter } from '../../../shared/aggregate/metric-writer.ts';
import type { TimeSeries } from '../../../shared/aggregate/time-series.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import type { MetricsMessage } from '../../../shared/telemetry/metrics-message.ts';
import { createMetricsRecorder, type MetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { aMessage, evaluations, exposures, latency, T0 } from './messages.ts';

const NOW = T0 + 90_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

function depsWith(parts: Partial<AggregatorDeps> & { source: MessageSource }): AggregatorDeps & { metrics: MetricsRecorder } {
  return { store: createMemoryRollupStore(), writer: recordingWriter(), metrics: createMetricsRecorder(), log: silent, projectId: 'demo', now: () => NOW, limits: { budgetMs: 45_000, maxMessages: 10_000, batchSize: 10 }, ...parts } as AggregatorDeps & { metrics: MetricsRecorder };
}

const counted = (requests: readonly (readonly TimeSeries[])[], flag: string, variant: string) =>
  requests.flat().filter((s) => s.metric.type.endsWith('/evaluations') && s.metric.labels.flag === flag && s.metric.labels.variant === variant).reduce((a, s) => a + ('int64Value' in s.points[0].value ? s.points[0].value.int64Value : 0), 0);

const aggregatorCounts = (metrics: MetricsRecorder) => Object.fromEntries(metrics.drain().counters.filter((c) => c.m.startsWith('aggregator_')).map((c) => [`${c.m}${c.l.result ?? c.l.outcome ?? ''}`, c.v]));

/** A source that hands out a fixed list of pulled messages, once each, and remembers acks and nacks. */
function scriptedSource(batches: PulledMessage[][]): MessageSource & { acked: string[]; nacked: string[] } {
  const acked: string[] = [];
  const nacked: string[] = [];
  return { acked, nacked, pull: async () => batches.shift() ?? [], ack: async (ids) => void acked.push(...ids), nack: async (ids) => void nacked.push(...ids), check: async () => {} };
}
const pulled = (id: string, message: MetricsMessage | string): PulledMessage => ({ id, ackId: `ack-${id}`, data: typeof message === 'string' ? message : JSON.stringify(message), publishTime: NOW - 30_000 });

describe('aggregator run', () => {
  it('merges what every instance sent, writes it to Monitoring and the rollups, then acknowledges', async () => {
    const bus = [
      aMessage({ instance: 'i-1', counters: [evaluations('checkout', 'on', 3), evaluations('checkout', 'off', 2), { m: 'rule_matches', l: { environment: 'prod', flag: 'checkout', rule: 'pros' }, v: 3 }], distributions: [latency([0.3, 2])] }),
      aMessage({ instance: 'i-2', counters: [evaluations('checkout', 'on', 4), evaluations('checkout', '', 1, 'ERROR')], distributions: [latency([7])] }),
    ];
    const writer = recordingWriter();
    const deps = depsWith({ source: memorySource(bus), writer });
    const report = await runAggregation(deps);

    assert.equal(report.outcome, 'ok');
    assert.deepEqual(report.messages, { merged: 2, duplicate: 0, invalid: 0 });
    assert.equal(bus.length, 0, 'acknowledged messages leave the bus');
    assert.equal(counted(writer.requests, 'checkout', 'on'), 7);
    assert.equal(counted(writer.requests, 'checkout', 'off'), 2);
    const request = writer.requests[0]!;
    const distribution = request.find((s) => s.valueType === 'DISTRIBUTION')!;
    assert.equal(distribution.metric.type, 'custom.googleapis.com/switchyard/evaluation_latency');
    assert.ok('distributionValue' in distribution.points[0].value && distribution.points[0].value.distributionValue.count === 3);
    assert.ok(request.every((s) => s.points.length === 1 && s.resource.type === 'global'));
    assert.equal(report.seriesWritten, request.length);

    const [rollup] = await deps.store.flagMinutes('prod', 'checkout', T0, T0 + 60_000);
    assert.deepEqual(rollup && { evaluations: rollup.evaluations, errors: rollup.errors, variants: rollup.variants, rules: rollup.rules }, { evaluations: 10, errors: 1, variants: { on: 7, off: 2 }, rules: { pros: 3 } });
    assert.deepEqual(aggregatorCounts(deps.metrics), { aggregator_messagesmerged: 2, aggregator_runsok: 1, aggregator_series_written: report.seriesWritten });
  });

  it('counts a redelivered message once, however often it arrives', async () => {
    const message = aMessage({ counters: [evaluations('checkout', 'on', 5)] });
    const source = scriptedSource([[pulled('m1', message), pulled('m1', message)], [pulled('m1', message)]]);
    const writer = recordingWriter();
    const deps = depsWith({ source, writer });
    const report = await runAggregation(deps);
    assert.deepEqual(report.messages, { merged: 1, duplicate: 2, invalid: 0 });
    assert.equal(counted(writer.requests, 'checkout', 'on'), 5);
    assert.deepEqual(source.acked, ['ack-m1', 'ack-m1', 'ack-m1']);
  });

  it('acknowledges and counts an invalid message without failing the run, logging it once per batch', async () => {
    const warnings: string[] = [];
    const bad = { ...aMessage(), counters: [{ m: 'evaluations', l: { flag: 'x' }, v: 1 }] };
    const source = scriptedSource([[pulled('m1', 'not json'), pulled('m2', JSON.stringify(bad)), pulled('m3', aMessage({ counters: [evaluations('a', 'on', 1)] }))]]);
    const deps = depsWith({ source, log: { ...silent, warn: (m) => void warnings.push(m) } });
    const report = await runAggregation(deps);
    assert.equal(report.outcome, 'ok');
    assert.deepEqual(report.messages, { merged: 1, duplicate: 0, invalid: 2 });
    assert.deepEqual(source.acked, ['ack-m1', 'ack-m2', 'ack-m3']);
    assert.equal(warnings.filter((w) => w.startsWith('invalid')).length, 1);
    assert.equal(aggregatorCounts(deps.metrics).aggregator_messagesinvalid, 2);
  });

  it('leaves the batch unacknowledged when Monitoring fails, and the next run loses and doubles nothing', async () => {
    const bus = [aMessage({ instance: 'i-1', counters: [evaluations('checkout', 'on', 3)] }), aMessage({ instance: 'i-2', counters: [evaluations('checkout', 'on', 4)] })];
    const source = memorySource(bus);
    const store = createMemoryRollupStore();
    let failing = true;
    const good = recordingWriter();
    const writer: MetricWriter = { write: (series) => (failing ? Promise.reject(new Error('monitoring unavailable')) : good.write(series)) };
    const first = depsWith({ source, store, writer });
    const failed = await runAggregation(first);
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.error ?? '', /monitoring unavailable/);
    assert.equal(bus.length, 2, 'nothing acknowledged');
    assert.equal((await store.pending()).length, 1, 'the series wait in the outbox');
    assert.equal(aggregatorCounts(first.metrics).aggregator_runsfailed, 1);

    failing = false;
    const second = await runAggregation(depsWith({ source, store, writer }));
    assert.equal(second.outcome, 'ok');
    assert.equal(second.replayed, 1);
    assert.deepEqual(second.messages, { merged: 0, duplicate: 2, invalid: 0 });
    assert.equal(bus.length, 0);
    assert.equal(counted(good.requests, 'checkout', 'on'), 7);
    const [rollup] = await store.flagMinutes('prod', 'checkout', T0, T0 + 60_000);
    assert.equal(rollup?.evaluations, 7);
  });

  it('stops at the message limit and leaves the rest for the next run', async () => {
    const bus = Array.from({ length: 25 }, (_, i) => aMessage({ instance: `i-${i}`, counters: [evaluations('a', 'on', 1)] }));
    const report = await runAggregation(depsWith({ source: memorySource(bus), limits: { budgetMs: 45_000, maxMessages: 12, batchSize: 5 } }));
    assert.equal(report.stoppedBy, 'max_messages');
    assert.equal(report.messages.merged, 12);
    assert.equal(bus.length, 13);
  });

  it('stops pulling once the time budget is spent', async () => {
    let clock = NOW;
    const bus = Array.from({ length: 30 }, (_, i) => aMessage({ instance: `i-${i}`, counters: [evaluations('a', 'on', 1)] }));
    const source = memorySource(bus);
    const slow: MessageSource = { ...source, pull: async (max) => ((clock += 20_000), source.pull(max)) };
    const report = await runAggregation(depsWith({ source: slow, now: () => clock, limits: { budgetMs: 45_000, maxMessages: 1000, batchSize: 5 } }));
    assert.equal(report.stoppedBy, 'budget');
    assert.equal(report.batches, 3);
  });

  it('raises srm_mismatch when an experiment\'s exposures stray from its split', async () => {
    const flags = createMemoryStore({
      environments: { prod: { flags: [{ key: 'checkout', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'half', serve: { rollout: { split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }], experiment: { id: 'exp-1' } } } }] }] } },
      keys: [],
    }).flags;
    const bus = [aMessage({ counters: [exposures('exp-1', 'on', 5200)] }), aMessage({ instance: 'i-2', counters: [exposures('exp-1', 'off', 4800)] })];
    const writer = recordingWriter();
    const report = await runAggregation(depsWith({ source: memorySource(bus), writer, flags }));
    assert.equal(report.srm.length, 1);
    assert.equal(report.srm[0]!.mismatch, true);
    const gauge = (name: string) => writer.requests.flat().find((s) => s.metric.type.endsWith(`/${name}`));
    assert.deepEqual(gauge('srm_mismatch')!.points[0].value, { doubleValue: 1 });
    assert.deepEqual(gauge('srm_mismatch')?.metric.labels, { environment: 'prod', experiment: 'exp-1' });
    assert.ok(((gauge('srm_p_value')!.points[0].value as { doubleValue: number }).doubleValue) < 0.001);
  });

  it('judges SRM on all exposures since the first, not one run\'s', async () => {
    const flags = createMemoryStore({
      environments: { prod: { flags: [{ key: 'f', enabled: true, variants: { a: 1, b: 2 }, offVariant: 'a', defaultVariant: 'a', rules: [{ id: 'r', serve: { rollout: { split: [{ variant: 'a', weight: 50 }, { variant: 'b', weight: 50 }], experiment: { id: 'e' } } } }] }] } },
      keys: [],
    }).flags;
    const store = createMemoryRollupStore();
    // Each run alone is unremarkable (p ~ 0.03); together they are not (p ~ 1e-4).
    for (let run = 0; run < 3; run++) {
      const report = await runAggregation(depsWith({ source: memorySource([aMessage({ counters: [exposures('e', 'a', 1050), exposures('e', 'b', 950)] })]), store, flags }));
      assert.equal(report.srm[0]!.mismatch, run === 2);
    }
    assert.deepEqual((await store.experiment({ environment: 'prod', experiment: 'e' }))?.exposures, { a: 3150, b: 2850 });
  });
});
