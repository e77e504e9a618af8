// Per-request cost of the logging + metrics middleware (DESIGN.md section 7: < 0.2 ms at p50):
// the same handler called bare and through createHttpFunction with JSON logging at info (one
// line per request written to /dev/null) and metrics; the evaluate function's warm path with and
// without telemetry; the cost of one evaluation counter; and the promises a warm request creates.
// Prints one JSON object. Run: node scripts/bench/middleware.ts

import { createHook } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { openSync, writeSync } from 'node:fs';
import { createHttpFunction } from '../../shared/http/http-function.ts';
import { sendJson } from '../../shared/http/send.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import { keyLookup } from '../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../shared/http/rate-limit.ts';
import { createSnapshotCache } from '../../shared/cache/snapshot-cache.ts';
import { createMemoryStore } from '../../shared/store/memory-store.ts';
import { createEvaluateFunction, type EvaluateDeps } from '../../functions/evaluate/app.ts';
import { loggingSettings } from '../../shared/config/logging-config.ts';
import { createTelemetry, instanceTelemetry } from '../../shared/telemetry/telemetry.ts';
import { createMetricsRecorder } from '../../shared/telemetry/recorder.ts';
import { evaluationObserver } from '../../shared/telemetry/evaluation-metrics.ts';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';

process.env.METADATA_SERVER_DETECTION = 'none';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);

// Log lines go where Cloud Run's stdout goes: a file descriptor, written synchronously.
const devNull = openSync('/dev/null', 'w');
const realWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array) => {
  if (typeof chunk === 'string') writeSync(devNull, chunk);
  else writeSync(devNull, chunk);
  return true;
}) as typeof process.stdout.write;

/** Just what handlers and the middleware touch of a ServerResponse. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableFinished = false;
  private readonly headers = new Map<string, unknown>();
  setHeader(name: string, value: unknown) { this.headers.set(name.toLowerCase(), value); return this; }
  getHeader(name: string) { return this.headers.get(name.toLowerCase()); }
  write(_chunk: unknown) { this.headersSent = true; return true; }
  end(_chunk?: unknown) { this.headersSent = true; this.writableFinished = true; return this; }
}

const SDK_KEY = 'bench-middleware-sdk-key-01';
const body = { context: { targetingKey: 'user-42', plan: 'pro' } };
const request = (path: string): HttpRequest => ({
  method: 'POST', path, query: {}, body, rawBody: Buffer.from(JSON.stringify(body)), ip: '127.0.0.1',
  headers: { authorization: `Bearer ${SDK_KEY}`, 'content-type': 'application/json', 'content-length': '48', 'user-agent': 'bench/1.0', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
});

type Handler = (req: HttpRequest, res: HttpResponse) => unknown;

/** Per-call time in microseconds (request handled, response closed, log line written). */
function measure(handler: Handler, path: string): { p50: number; p90: number; p99: number } {
  const times = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS + 2000; i++) {
    const res = new FakeResponse();
    const req = request(path);
    const t = performance.now();
    handler(req, res as unknown as HttpResponse);
    res.emit('close');
    const elapsed = performance.now() - t;
    if (i >= 2000) times[i - 2000] = elapsed * 1000;
  }
  times.sort();
  const at = (q: number) => Math.round(times[Math.floor(q * (times.length - 1))]! * 100) / 100;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

function promisesPerRequest(handler: Handler, path: string): number {
  let promises = 0;
  const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && promises++) });
  hook.enable();
  for (let i = 0; i < 100; i++) {
    const res = new FakeResponse();
    handler(request(path), res as unknown as HttpResponse);
    res.emit('close');
  }
  hook.disable();
  return promises / 100;
}

// 1. The same small handler, bare and through the middleware.
const bare: Handler = (_req, res) => sendJson(res, 200, { ok: true });
const settings = loggingSettings('production');
const telemetry = createTelemetry({ function: 'bench', environment: 'production', version: 'bench', projectId: 'demo-bench', settings, metrics: createMetricsRecorder() });
const wrapped = createHttpFunction({ name: 'bench', cors: { origins: '*' }, telemetry, routes: [{ method: 'POST', path: '/hello', handler: (_req, res) => sendJson(res, 200, { ok: true }) }] });

// 2. The evaluate function's warm path, without telemetry (silent, no metrics) and with it.
const store = createMemoryStore({
  environments: { bench: { flags: [{ key: 'checkout', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] }] } },
  keys: [{ kind: 'sdk', name: 'bench', environment: 'bench', secret: SDK_KEY }],
});
const deps = (metrics?: ReturnType<typeof createMetricsRecorder>): EvaluateDeps => ({
  keys: keyLookup(store.keys), limiter: createMemoryRateLimiter({ ratePerSecond: 1e9, burst: 1e9 }), snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 60_000 }), now: Date.now, ...(metrics ? { metrics } : {}),
});
const base = { ...readRuntimeConfig({}), SWITCHYARD_STAGE: 'production' as const, GOOGLE_CLOUD_PROJECT: 'demo-bench', SWITCHYARD_VERSION: 'bench' };
const quietTelemetry = instanceTelemetry({ ...base, LOG_LEVEL: 'silent' });
const evaluateQuiet = createEvaluateFunction({ ...deps(), telemetry: quietTelemetry.of('evaluate') });
// As a root builds it: the instance's recorder counts both the requests and the evaluations.
const observedTelemetry = instanceTelemetry({ ...base, LOG_LEVEL: 'info' });
const evaluateObserved = createEvaluateFunction({ ...deps(observedTelemetry.metrics), telemetry: observedTelemetry.of('evaluate') });
const flagPath = '/ofrep/v1/evaluate/flags/checkout';
await telemetry.logger.ready();
// Warm both: the snapshot is loaded once, asynchronously; the logger's writer loads in the background.
for (const h of [evaluateQuiet, evaluateObserved]) {
  const res = new FakeResponse();
  await h(request(flagPath), res as unknown as HttpResponse);
  res.emit('close');
}
await observedTelemetry.of('evaluate').logger.ready();

// 3. One evaluation counter, W-style: many increments in a loop.
const recorder = createMetricsRecorder();
const observe = evaluationObserver(recorder, 'bench');
// Frozen, as the compiled flag's shared results are.
const result = Object.freeze({ reason: 'TARGETING_MATCH', value: true, variant: 'on', ruleId: 'pros' } as const);
const COUNTS = 2_000_000;
let t = performance.now();
for (let i = 0; i < COUNTS; i++) observe('checkout', result as never);
const observeNs = ((performance.now() - t) * 1e6) / COUNTS;
t = performance.now();
for (let i = 0; i < COUNTS; i++) recorder.count('evaluations', { environment: 'bench', flag: 'checkout', variant: 'on', reason: 'STATIC' });
const countNs = ((performance.now() - t) * 1e6) / COUNTS;
// A split builds its result per evaluation (not frozen).
t = performance.now();
for (let i = 0; i < COUNTS; i++) observe('checkout', { reason: 'SPLIT', value: true, variant: i % 2 ? 'on' : 'off', ruleId: 'half', bucket: i % 10000, experimentId: 'exp-1' } as never);
const splitNs = ((performance.now() - t) * 1e6) / COUNTS;

const bareTimes = measure(bare, '/hello');
const wrappedTimes = measure(wrapped, '/hello');
const quiet = measure(evaluateQuiet as Handler, flagPath);
const observed = measure(evaluateObserved as Handler, flagPath);
const report = {
  benchmark: 'middleware',
  node: process.version,
  iterations: ITERATIONS,
  budgetUsP50: 200,
  handlerUs: { bare: bareTimes, withMiddleware: wrappedTimes, overheadP50: Math.round((wrappedTimes.p50 - bareTimes.p50) * 100) / 100 },
  evaluateUs: { noTelemetry: quiet, withTelemetry: observed, overheadP50: Math.round((observed.p50 - quiet.p50) * 100) / 100 },
  metricNs: { countEvaluation: Math.round(observeNs), countSplitEvaluation: Math.round(splitNs), counterIncrement: Math.round(countNs) },
  promisesPerWarmRequest: { withMiddleware: promisesPerRequest(wrapped, '/hello'), evaluate: promisesPerRequest(evaluateObserved as Handler, flagPath) },
  withinBudget: wrappedTimes.p50 - bareTimes.p50 < 200 && observed.p50 - quiet.p50 < 200,
};
realWrite(`${JSON.stringify(report, null, 2)}\n`);
