// The aggregate function's HTTP surface through the real Functions Framework, on in-process parts
// (the bus `npm start` uses, memory rollups, a recording writer).

import assert from 'node:assert/strict';
import { createAggregateFunction } from '../../../functions/aggregate/app.ts';
import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import { memorySource } from '../../../shared/aggregate/message-source.ts';
import { recordingWriter } from '../../../shared/aggregate/metric-writer.ts';
import { LOGGING_DEFAULTS } from '../../../shared/telemetry/logging-config.ts';
import type { MetricsMessage } from '../../../shared/telemetry/metrics-message.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { createTelemetry } from '../../../shared/telemetry/telemetry.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { aMessage, evaluations } from '../../unit/aggregate/messages.ts';

describe('aggregate function over HTTP', () => {
  let served: RunningFunction;
  const bus: MetricsMessage[] = [];
  const writer = recordingWriter();
  let sourceDown = false;
  before(async () => {
    const telemetry = createTelemetry({ function: 'aggregate', environment: 'test', version: 'v', projectId: 'demo', settings: { ...LOGGING_DEFAULTS.test, level: 'silent' }, metrics: createMetricsRecorder() });
    const source = memorySource(bus);
    const deps = {
      source: { ...source, check: async () => { if (sourceDown) throw new Error('subscription unreachable'); } },
      store: createMemoryRollupStore(), writer, metrics: telemetry.metrics, log: telemetry.logger, projectId: 'demo', now: Date.now,
      limits: { budgetMs: 45_000, maxMessages: 1000, batchSize: 100 },
    };
    served = await serveFunction('aggregate', createAggregateFunction(deps));
  });
  after(() => served.close());

  it('runs on POST / (Cloud Scheduler, no body) and on POST /run, answering the report', async () => {
    bus.push(aMessage({ counters: [evaluations('checkout', 'on', 2)] }));
    const scheduled = await fetch(`${served.url}/`, { method: 'POST' });
    assert.equal(scheduled.status, 200);
    const report = (await scheduled.json()) as { outcome: string; messages: { merged: number }; stoppedBy: string };
    assert.deepEqual([report.outcome, report.messages.merged, report.stoppedBy], ['ok', 1, 'empty']);
    bus.push(aMessage({ instance: 'i-2', counters: [evaluations('checkout', 'on', 2)] }), aMessage({ instance: 'i-3', counters: [evaluations('checkout', 'on', 2)] }));
    const byHand = await fetch(`${served.url}/run`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ maxMessages: 1 }) });
    const limited = (await byHand.json()) as { messages: { merged: number }; stoppedBy: string };
    assert.deepEqual([byHand.status, limited.messages.merged, limited.stoppedBy], [200, 1, 'max_messages']);
    assert.equal(bus.length, 1);
  });

  it('refuses a body that does not fit, with the field\'s path', async () => {
    const response = await fetch(`${served.url}/run`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ maxMessages: -3, extra: true }) });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { path: string }[] };
    assert.equal(problem.code, 'INVALID_BODY');
    assert.ok(problem.errors.some((e) => e.path === '/maxMessages'), JSON.stringify(problem.errors));
  });

  it('answers only POST on its run routes', async () => {
    const response = await fetch(`${served.url}/run`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  it('reports liveness, and readiness with each dependency', async () => {
    assert.equal((await fetch(`${served.url}/healthz`)).status, 200);
    const ready = (await (await fetch(`${served.url}/readyz`)).json()) as { checks: { name: string; status: string }[] };
    assert.deepEqual(ready.checks.map((c) => [c.name, c.status]), [['pubsub', 'ok'], ['store', 'ok']]);
    sourceDown = true;
    const down = await fetch(`${served.url}/readyz`);
    assert.equal(down.status, 503);
    const body = (await down.json()) as { checks: { name: string; status: string }[] };
    assert.equal(body.checks.find((c) => c.name === 'pubsub')?.status, 'down');
    sourceDown = false;
  });
});
