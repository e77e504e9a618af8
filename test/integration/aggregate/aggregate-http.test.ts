// The aggregate function's HTTP surface through the real Functions Framework, on in-process parts
// (the bus `npm start` uses, memory rollups, a recording writer).

import assert from 'node:assert/strict';
import { createAggregateFunction } from '../../../functions/aggregate/app.ts';
import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import { memorySource } from '../../../shared/aggregate/message-source.ts';
import { recordingWriter } from '../../../shared/aggregate/metric-writer.ts';
import { LOGGING_DEFAULTS } from '../../../shared/config/logging-config.ts';
import type { MetricsMessage } from '../../../shared/telemetry/metrics-message.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { createTelemetry } from '../../../shared/telemetry/telemetry.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { aMessage, evaluations } from '../../unit/aggregate/messages.ts';

describe('aggregate function over HTTP', () => {
  let served: RunningFunction;
  let local: RunningFunction;
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
      telemetry,
    };
    // Deployed: no key asked for (IAM checks Cloud Scheduler's OIDC token before the function runs).
    served = await serveFunction('aggregate', createAggregateFunction(deps));
    // The local product: nothing stands in front of the port, so a run needs an admin key.
    const keys = createMemoryStore({ environments: { dev: { flags: [] } }, keys: [{ kind: 'admin', role: 'viewer', name: 'a', secret: 'admin-secret-0123456789' }, { kind: 'sdk', environment: 'dev', name: 's', secret: 'sdk-secret-0123456789' }] }).keys;
    local = await serveFunction('aggregate-local', createAggregateFunction(deps, { keys: keyLookup(keys) }));
  });
  after(async () => {
    await served.close();
    await local.close();
  });

  it('asks for an admin key on both run routes when given keys (the local product): 401, 403 for an SDK key, 200', async () => {
    for (const path of ['/', '/run']) {
      const none = await fetch(`${local.url}${path}`, { method: 'POST' });
      assert.deepEqual([none.status, ((await none.json()) as { code: string }).code], [401, 'UNAUTHORIZED']);
      assert.equal((await fetch(`${local.url}${path}`, { method: 'POST', headers: { Authorization: 'Bearer sdk-secret-0123456789' } })).status, 403);
      assert.equal((await fetch(`${local.url}${path}`, { method: 'POST', headers: { 'X-API-Key': 'admin-secret-0123456789' } })).status, 200);
    }
  });

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
