// `node scripts/bench/preview.ts`: the preview budget (1,000 test users with trace < 50 ms), in
// process and through the Functions Framework, and the calibration of the performance route's
// ns-per-complexity constant. Prints JSON.

import { keyLookup } from '../../shared/http/auth.ts';
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { createPreviewFunction } from '../../functions/preview/app.ts';
import { measure } from '../../functions/preview/performance.ts';
import { previewUsers } from '../../functions/preview/preview-run.ts';
import { TEMPLATES } from '../../functions/preview/templates.ts';
import { enrichContext } from '../../shared/context/index.ts';
import { analyze, compileFlag, FlagSchema, type Segment } from '../../shared/rules/index.ts';
import { DEMO_FLAGS } from '../../shared/store/demo/flags.ts';
import { DEMO_SEGMENTS } from '../../shared/store/demo/segments.ts';
import { createDemoStore, DEMO_ENVIRONMENT } from '../../shared/store/default-stores.ts';
import { benchTelemetry } from './telemetry.ts';

// stdout is the figures: the preview function's request lines stay out of it.
process.env.LOG_LEVEL ??= 'warn';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const COUNTRIES = ['US', 'DE', 'FR', 'NL', 'GB', 'IN', 'BR', 'JP'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const USERS = Array.from({ length: 1000 }, (_, i) => ({
  targetingKey: `user-${i}`,
  email: `person${i}@${i % 7 === 0 ? 'acme.com' : 'mail.example'}`,
  plan: PLANS[i % PLANS.length],
  geo: { country: COUNTRIES[i % COUNTRIES.length] },
  appVersion: `${1 + (i % 3)}.${i % 10}.0`,
  seats: i % 50,
  signupDate: new Date(NOW - (i % 90) * 86_400_000).toISOString(),
  roles: i % 5 === 0 ? ['admin'] : ['member'],
}));
const segments: Record<string, Segment> = Object.fromEntries(DEMO_SEGMENTS.map((s) => [s.key, s]));
const flags = Object.fromEntries(DEMO_FLAGS.map((f) => [f.key, FlagSchema.parse(f)]));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function inProcess() {
  const perFlag = DEMO_FLAGS.map((doc) => {
    const compiled = compileFlag(doc, { segments, flags });
    if (!compiled.ok) throw new Error(`demo flag ${doc.key} does not compile`);
    for (let i = 0; i < 5; i++) previewUsers(compiled.flag, USERS, { now: NOW, trace: true });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      previewUsers(compiled.flag, USERS, { now: NOW, trace: true });
      times.push(performance.now() - t0);
    }
    return { flag: doc.key, medianMs: Math.round(median(times) * 100) / 100, maxMs: Math.round(Math.max(...times) * 100) / 100 };
  });
  return perFlag;
}

async function overHttp() {
  const adminKey = 'bench-admin-key-0123456789';
  const store = createDemoStore({ sdkKey: 'bench-sdk-key-0123456789', clientKey: 'bench-client-key-0123456789', adminKey, generated: [] });
  http('preview-bench', createPreviewFunction({ keys: keyLookup(store.keys), flags: store.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: [], now: () => NOW, telemetry: benchTelemetry('preview') }));
  const server = getTestServer('preview-bench').listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/rules/preview`;
  const body = JSON.stringify({ flagKey: 'new-checkout', users: USERS, trace: true });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    if (i >= 5) times.push(performance.now() - t0);
  }
  server.close();
  return { flag: 'new-checkout', requestBytes: body.length, medianMs: Math.round(median(times) * 100) / 100, maxMs: Math.round(Math.max(...times) * 100) / 100 };
}

/** Measured ns per evaluation over complexity, per flag: its median is NS_PER_COMPLEXITY_POINT. */
function calibration() {
  const users = USERS.map((u) => enrichContext(u, { headers: {} }, { now: NOW }) as Record<string, unknown>);
  const rows = [...DEMO_FLAGS, ...TEMPLATES.map((t) => t.flag)].map((doc) => {
    const compiled = compileFlag(doc, { segments, flags });
    if (!compiled.ok) throw new Error(`${doc.key} does not compile`);
    const { complexity } = analyze(compiled.flag.doc, { segments });
    const measured = measure(compiled.flag, users, NOW, 100);
    return { flag: doc.key, complexity, nsPerEvaluation: measured.nsPerEvaluation, nsPerPoint: Math.round(measured.nsPerEvaluation / complexity) };
  });
  return { nsPerComplexityPoint: median(rows.map((r) => r.nsPerPoint)), rows };
}

const report = { node: process.version, budgetMs: 50, users: USERS.length, inProcess: inProcess(), http: await overHttp(), calibration: calibration() };
console.log(JSON.stringify(report, null, 2));
