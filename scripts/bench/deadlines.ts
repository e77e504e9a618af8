// `node scripts/bench/deadlines.ts`: the wall time of each heavy authoring route under the
// heaviest input validation accepts (a flag of 50 rules x 30 clauses that never match, so every
// clause runs: substring searches over 1 KiB attributes and regexes up to the per-flag budget,
// over as many users as a request may carry) against its deadline, through the real framework on
// loopback. Prints JSON. (Slower clauses, such as counted regex repetitions, are refused by
// validation: see the regex limits of shared/rules/README.md.)

import '../../shared/http/framework-errors.ts';
import { WORK_DEADLINE_MS } from '../../shared/authoring/deps.ts';
import { MEASURE_BUDGET_MS } from '../../functions/preview/performance-route.ts';
import { createPreviewFunction } from '../../functions/preview/app.ts';
import { createValidateFunction } from '../../functions/validate/app.ts';
import { keyLookup } from '../../shared/http/auth.ts';
import { createDemoStore, DEMO_ENVIRONMENT } from '../../shared/store/default-stores.ts';
import { serveFunction } from '../../test/helpers/function-server.ts';
import { benchTelemetry } from './telemetry.ts';

process.env.LOG_LEVEL ??= 'error';
const KEY = 'bench-admin-key-0123456789';
const store = createDemoStore({ sdkKey: 'bench-sdk-key-0123456789ab', clientKey: 'bench-client-key-0123456789', adminKey: KEY, generated: [] });
const deps = { keys: keyLookup(store.keys), flags: store.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: [], now: Date.now };

const NEEDLE = `${'a'.repeat(60)}b`;
/** Within the flag's regex budget (1,500 weighted instructions): 10 clauses of about 140. */
const REGEX = `a{130}b`;
const clause = (r: number, c: number) => (r < 10 && c === 0 ? { attr: `a${c % 10}`, op: 'matches', value: REGEX } : { attr: `a${c % 10}`, op: 'contains', value: NEEDLE, caseInsensitive: true });
const flag = {
  key: 'worst', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: Array.from({ length: 50 }, (_, r) => ({ id: `r${r}`, when: { any: Array.from({ length: 30 }, (_, c) => clause(r, c)) }, serve: { variant: r % 2 ? 'on' : 'off' } })),
};
const user = (i: number) => ({ targetingKey: `u${i}`, ...Object.fromEntries(Array.from({ length: 10 }, (_, a) => [`a${a}`, 'a'.repeat(1000)])) });
const users = (n: number) => Array.from({ length: n }, (_, i) => user(i));

const preview = await serveFunction('preview', createPreviewFunction({ ...deps, telemetry: benchTelemetry('preview') }));
const validate = await serveFunction('validate', createValidateFunction({ ...deps, telemetry: benchTelemetry('validate') }));
const cases = [
  { route: '/v1/rules/preview', url: preview.url, body: { flag, users: users(1000), trace: false }, deadlineMs: WORK_DEADLINE_MS },
  { route: '/v1/rules/rollout-estimate', url: preview.url, body: { flag, audience: 1e6, sampleUsers: users(1000) }, deadlineMs: WORK_DEADLINE_MS },
  { route: '/v1/rules/performance', url: preview.url, body: { flag }, deadlineMs: MEASURE_BUDGET_MS },
  { route: '/v1/rules/analyze', url: preview.url, body: { flag }, deadlineMs: WORK_DEADLINE_MS },
  { route: '/v1/rules/validate', url: validate.url, body: { flag }, deadlineMs: WORK_DEADLINE_MS },
];
const results = [];
for (const c of cases) {
  const text = JSON.stringify(c.body);
  const started = performance.now();
  const res = await fetch(c.url + c.route, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: text });
  const answer = (await res.json()) as { code?: string };
  results.push({ route: c.route, bodyBytes: text.length, status: res.status, code: answer.code ?? null, wallMs: Math.round(performance.now() - started), deadlineMs: c.deadlineMs });
}
await preview.close();
await validate.close();
console.log(JSON.stringify({ node: process.version, note: 'wall time includes sending and parsing the body; the deadline clock starts once the body is read and the flag compiled, so receiving and parsing a 10 MB body come on top', results }, null, 2));
