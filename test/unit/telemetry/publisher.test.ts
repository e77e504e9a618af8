import assert from 'node:assert/strict';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { startMetricsPublisher, type MetricsSink } from '../../../shared/telemetry/publisher.ts';
import type { MetricsMessage } from '../../../shared/telemetry/metrics-message.ts';

const HOUR = 3_600_000;
const countOf = (messages: readonly MetricsMessage[], reason: string) =>
  messages.flatMap((m) => m.counters).filter((c) => c.m === 'metrics_dropped' && c.l.reason === reason).reduce((a, c) => a + c.v, 0);

describe('metrics publisher', () => {
  it('publishes what was recorded as one message per flush, and nothing when nothing was', async () => {
    const sent: MetricsMessage[] = [];
    const recorder = createMetricsRecorder();
    const publisher = startMetricsPublisher({ recorder, sink: { publish: async (m) => void sent.push(m) }, function: 'evaluate', intervalMs: HOUR, instance: 'i-1' });
    recorder.count('auth_failures', { function: 'evaluate', reason: 'missing' }, 3);
    await publisher.flush();
    await publisher.flush();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.instance, 'i-1');
    assert.deepEqual(sent[0]!.counters, [{ m: 'auth_failures', l: { function: 'evaluate', reason: 'missing' }, v: 3 }]);
    await publisher.close();
  });

  it('keeps a bounded buffer while the sink fails, counts what it dropped, and sends it once the sink is back', async () => {
    let failing = true;
    const sent: MetricsMessage[] = [];
    const sink: MetricsSink = { publish: async (m) => (failing ? Promise.reject(new Error('down')) : void sent.push(m)) };
    const recorder = createMetricsRecorder();
    const failures: unknown[] = [];
    const publisher = startMetricsPublisher({ recorder, sink, function: 'evaluate', intervalMs: HOUR, maxBuffered: 2, onFailure: (e) => failures.push(e) });
    for (let i = 0; i < 5; i++) {
      recorder.count('http_requests', { function: 'evaluate', route: '/x', status: '200' });
      await publisher.flush();
    }
    assert.equal(publisher.buffered(), 2);
    assert.equal(failures.length, 5);
    failing = false;
    await publisher.flush();
    assert.equal(publisher.buffered(), 0);
    assert.ok(countOf(sent, 'buffer_full') >= 1, 'the dropped count travels in a later message');
    await publisher.close();
  });

  it('abandons a publish that hangs at its deadline, so the next interval can try again', async () => {
    const recorder = createMetricsRecorder();
    const publisher = startMetricsPublisher({ recorder, sink: { publish: () => new Promise(() => {}) }, function: 'evaluate', intervalMs: HOUR, publishTimeoutMs: 20 });
    recorder.count('http_requests', { function: 'evaluate', route: '/x', status: '200' });
    const started = Date.now();
    await publisher.flush();
    assert.ok(Date.now() - started < 1000);
    assert.equal(publisher.buffered(), 1);
    const failures = recorder.drain().counters.find((c) => c.m === 'metrics_publish_failures');
    assert.equal(failures?.v, 1);
  });
});
