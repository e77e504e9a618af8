// The request middleware through the real Functions Framework: the evaluate function's own
// routes, its log lines parsed from stdout, and a function whose handlers fail on purpose.

import assert from 'node:assert/strict';
import { captureStdout, type LogLine } from '../../unit/telemetry/capture.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createHttpFunction } from '../../../shared/http/http-function.ts';
import { sendJson } from '../../../shared/http/send.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { createTelemetry, instanceTelemetry } from '../../../shared/telemetry/telemetry.ts';
import { LOGGING_DEFAULTS } from '../../../shared/config/logging-config.ts';
import { REPORTED_ERROR_EVENT } from '../../../shared/telemetry/errors.ts';
import { dependencyError } from '../../../shared/telemetry/errors.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';

const SDK_KEY = 'sdk-key-telemetry-test-01';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SECRET_EMAIL = 'planted.secret@victim.example';
const SECRET_COOKIE = 'session=planted-cookie-value';
const SECRET_TARGETING_KEY = 'planted-targeting-key-9f3a';

/** Waits until a line about `requestId` has been written (it is written when the response closes). */
async function settle(lines: () => LogLine[], requestId: string): Promise<void> {
  for (let i = 0; i < 100 && !lines().some((l) => (l['logging.googleapis.com/labels'] as Record<string, string> | undefined)?.requestId === requestId && l.httpRequest); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('request middleware (through the Functions Framework)', () => {
  let evaluate: RunningFunction;
  // The instance's telemetry as a root builds it from the configuration: the middleware and auth
  // record into its recorder, and the root gives the same recorder to evaluate.
  const telemetry = instanceTelemetry(readRuntimeConfig({ SWITCHYARD_STAGE: 'test', LOG_LEVEL: 'debug', LOG_FORMAT: 'json', GOOGLE_CLOUD_PROJECT: 'demo-telemetry', SWITCHYARD_VERSION: 'v-test' }));
  const { metrics } = telemetry;

  before(async () => {
    const store = createMemoryStore({
      environments: { test: { flags: [{ key: 'checkout', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'half', serve: { rollout: { salt: 's', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }], experiment: { id: 'exp-1' } } } }] }] } },
      keys: [{ kind: 'sdk', name: 'sdk', environment: 'test', secret: SDK_KEY }],
    });
    const handler = createEvaluateFunction({
      keys: keyLookup(store.keys),
      limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }),
      snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 0 }),
      now: Date.now,
      metrics,
      telemetry: telemetry.of('evaluate'),
    });
    evaluate = await serveFunction('evaluate', handler);
  });
  after(() => evaluate.close());

  it('writes one Cloud Logging line per request with httpRequest, trace, key id and request id, and masks every planted secret', async () => {
    let response: Response | undefined;
    const captured = await captureStdout(async (lines) => {
      response = await fetch(`${evaluate.url}/ofrep/v1/evaluate/flags/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SDK_KEY}`, cookie: SECRET_COOKIE, traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, 'x-request-id': 'req-telemetry-1', 'user-agent': 'telemetry-test/1.0' },
        body: JSON.stringify({ context: { targetingKey: SECRET_TARGETING_KEY, email: SECRET_EMAIL } }),
      });
      await response.text();
      await settle(lines, 'req-telemetry-1');
    });
    assert.equal(response!.status, 200);
    assert.equal(response!.headers.get('x-request-id'), 'req-telemetry-1');
    const line = captured.lines.find((l) => l.httpRequest)!;
    assert.ok(line, `no request line in ${captured.raw.join('\n')}`);
    assert.equal(line.severity, 'INFO');
    assert.equal(line.message, 'POST /ofrep/v1/evaluate/flags/:key 200');
    assert.equal(line['logging.googleapis.com/trace'], `projects/demo-telemetry/traces/${TRACE}`);
    assert.equal(line['logging.googleapis.com/spanId'], '00f067aa0ba902b7');
    assert.equal(line['logging.googleapis.com/trace_sampled'], true);
    assert.deepEqual(line['logging.googleapis.com/labels'], { function: 'evaluate', environment: 'test', version: 'v-test', requestId: 'req-telemetry-1' });
    const http = line.httpRequest as Record<string, unknown>;
    assert.equal(http.requestMethod, 'POST');
    assert.equal(http.requestUrl, '/ofrep/v1/evaluate/flags/checkout');
    assert.equal(http.status, 200);
    assert.equal(http.userAgent, 'telemetry-test/1.0');
    assert.match(String(http.latency), /^\d+\.\d{6}s$/);
    assert.ok(Number(http.requestSize) > 0 && Number(http.responseSize) > 0);
    assert.equal(line.route, '/ofrep/v1/evaluate/flags/:key');
    assert.equal(typeof line.keyId, 'string');
    // Debug level: headers and bodies are there, masked and truncated.
    assert.equal((line.requestHeaders as Record<string, string>).authorization, '[masked]');
    assert.equal((line.requestHeaders as Record<string, string>).cookie, '[masked]');
    assert.match(String(line.requestBody), /"context":"\[masked\]"/);
    assert.match(String(line.responseBody), /"variant"/);
    for (const raw of captured.raw) {
      for (const secret of [SDK_KEY, SECRET_EMAIL, SECRET_COOKIE, 'planted-cookie-value', SECRET_TARGETING_KEY]) assert.ok(!raw.includes(secret), `a log line carries ${secret}: ${raw}`);
    }
    const counters = metrics.drain().counters;
    assert.ok(counters.some((c) => c.m === 'evaluations' && c.l.flag === 'checkout' && c.l.reason === 'SPLIT'));
    assert.ok(counters.some((c) => c.m === 'exposures' && c.l.experiment === 'exp-1'));
    assert.ok(counters.some((c) => c.m === 'rate_limit_hits'));
    assert.ok(!JSON.stringify(counters).includes(SECRET_TARGETING_KEY));
  });

  it('takes the trace from X-Cloud-Trace-Context, and counts an auth failure by reason', async () => {
    const captured = await captureStdout(async (lines) => {
      const res = await fetch(`${evaluate.url}/ofrep/v1/evaluate/flags/checkout`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cloud-trace-context': `${TRACE}/255;o=0`, 'x-request-id': 'req-telemetry-2', 'x-api-key': 'planted-wrong-key-123' }, body: '{}' });
      assert.equal(res.status, 401);
      await settle(lines, 'req-telemetry-2');
    });
    const line = captured.lines.find((l) => l.httpRequest)!;
    assert.equal(line['logging.googleapis.com/spanId'], '00000000000000ff');
    assert.equal(line['logging.googleapis.com/trace_sampled'], false);
    assert.equal(line.errorCode, 'UNAUTHORIZED');
    assert.ok(captured.raw.every((raw) => !raw.includes('planted-wrong-key-123')));
    assert.ok(metrics.drain().counters.some((c) => c.m === 'auth_failures' && c.l.reason === 'invalid'));
  });

  it('logs a bug in the Error Reporting format and answers 500; a dependency failure answers 503 without a report', async () => {
    const recorder = createMetricsRecorder();
    const telemetry = createTelemetry({ function: 'broken', environment: 'test', version: 'v9', projectId: 'demo-telemetry', settings: { ...LOGGING_DEFAULTS.production, level: 'info' }, metrics: recorder });
    const handler = createHttpFunction({
      name: 'broken',
      cors: { origins: [] },
      telemetry,
      routes: [
        { method: 'GET', path: '/bug', handler: () => { throw new TypeError('cannot read x of undefined'); } },
        { method: 'GET', path: '/down', handler: async () => { throw dependencyError('firestore', 'deadline exceeded'); } },
        { method: 'GET', path: '/ok', handler: (_req, res, { telemetry: scope }) => { scope.keyId = 'key-7'; scope.log.info('handled'); sendJson(res, 200, { ok: true }); } },
      ],
    });
    const served = await serveFunction('broken', handler);
    try {
      const captured = await captureStdout(async (lines) => {
        const bug = await fetch(`${served.url}/bug`, { headers: { 'x-request-id': 'req-bug' } });
        assert.equal(bug.status, 500);
        assert.equal((await bug.json()).instance, 'req-bug');
        const down = await fetch(`${served.url}/down`, { headers: { 'x-request-id': 'req-down' } });
        assert.equal(down.status, 503);
        const ok = await fetch(`${served.url}/ok`, { headers: { 'x-request-id': 'req-ok' } });
        assert.equal(ok.status, 200);
        for (const id of ['req-bug', 'req-down', 'req-ok']) await settle(lines, id);
      });
      const byRequest = (id: string) => captured.lines.filter((l) => (l['logging.googleapis.com/labels'] as Record<string, string>).requestId === id);
      const report = byRequest('req-bug').find((l) => l['@type'])!;
      assert.equal(report.severity, 'ERROR');
      assert.equal(report['@type'], REPORTED_ERROR_EVENT);
      assert.match(String(report.stack_trace), /^TypeError: cannot read x of undefined\n\s+at /);
      assert.deepEqual(report.serviceContext, { service: 'broken', version: 'v9' });
      assert.equal((report.context as { httpRequest: { url: string } }).httpRequest.url, '/bug');
      const down = byRequest('req-down');
      assert.ok(down.some((l) => l.severity === 'ERROR' && l.errorKind === 'dependency' && l.dependency === 'firestore' && !('@type' in l)));
      assert.equal(down.find((l) => l.httpRequest)!.severity, 'WARNING');
      const ok = byRequest('req-ok');
      assert.deepEqual(ok.map((l) => l.message), ['handled', 'GET /ok 200']);
      assert.equal(ok[1]!.keyId, 'key-7');
      const counters = recorder.drain().counters;
      assert.ok(counters.some((c) => c.m === 'errors' && c.l.code === 'INTERNAL' && c.l.kind === 'bug'));
      assert.ok(counters.some((c) => c.m === 'dependency_failures' && c.l.dependency === 'firestore'));
      assert.ok(counters.some((c) => c.m === 'http_requests' && c.l.route === '/ok' && c.l.status === '200'));
    } finally {
      await served.close();
    }
  });
});
