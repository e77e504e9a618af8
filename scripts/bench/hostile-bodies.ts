// `node scripts/bench/hostile-bodies.ts`: the RSS a local preview function (its own process,
// hostile-server.ts) gains while 20 hostile bodies arrive at once, per class: gzip and brotli
// bombs, endless chunked bodies, declared lengths that are never sent, anonymous and keyed.
// Loopback only; every client stops at a bound. Prints JSON; the budget is +64 MB.

import { fork } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rawPost, type BodyPlan } from '../../test/helpers/raw-client.ts';
import { HOSTILE_ADMIN_KEY } from './hostile-server.ts';

const CONCURRENT = 20;
const PATH = '/v1/rules/preview';
const MB = 1024 * 1024;

const json = (bytes: number) => {
  const b = Buffer.alloc(bytes, 0x61);
  b.write('{"pad":"', 0);
  b.write('"}', bytes - 2);
  return b;
};
const gzipBomb = gzipSync(json(256 * MB), { level: 9 });
const brBomb = brotliCompressSync(json(256 * MB), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });

type Class = { readonly name: string; readonly keyed: boolean; readonly headers?: Record<string, string>; readonly plan: BodyPlan };
const CLASSES: Class[] = [
  { name: 'gzip bomb 256 MiB, anonymous', keyed: false, headers: { 'content-encoding': 'gzip' }, plan: { kind: 'buffer', bytes: gzipBomb } },
  { name: 'br bomb 256 MiB, anonymous', keyed: false, headers: { 'content-encoding': 'br' }, plan: { kind: 'buffer', bytes: brBomb } },
  { name: 'endless chunked, anonymous', keyed: false, plan: { kind: 'stream', chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: 64 * MB } },
  { name: 'declared 16 MiB, 1 KiB sent, anonymous', keyed: false, plan: { kind: 'short', declared: 16 * MB, sent: Buffer.alloc(1024, 0x20) } },
  { name: 'declared 64 KiB, 1 KiB sent, anonymous', keyed: false, plan: { kind: 'short', declared: 64 * 1024, sent: Buffer.alloc(1024, 0x20) } },
  { name: 'gzip bomb 256 MiB, keyed (read to the 12 MiB limit)', keyed: true, headers: { 'content-encoding': 'gzip' }, plan: { kind: 'buffer', bytes: gzipBomb } },
  { name: 'endless chunked, keyed (read to the 12 MiB limit)', keyed: true, plan: { kind: 'stream', chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: 64 * MB } },
];

const child = fork(new URL('./hostile-server.ts', import.meta.url), [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
const port = await new Promise<number>((resolve) => child.on('message', (m: { ready?: number }) => m.ready && resolve(m.ready)));
const rss = () => new Promise<{ peak: number; now: number }>((resolve) => {
  child.once('message', (m) => resolve(m as { peak: number; now: number }));
  child.send('rss');
});
const url = `http://127.0.0.1:${port}`;

// One warm request of each kind first, so the figures are the bodies' and not first-use code.
await rawPost(url, PATH, { 'content-type': 'application/json', authorization: `Bearer ${HOSTILE_ADMIN_KEY}` }, { kind: 'buffer', bytes: Buffer.from('{}') });
const baseline = (await rss()).now;
const results = [];
for (const c of CLASSES) {
  await rss();
  const headers = { 'content-type': 'application/json', ...(c.keyed ? { authorization: `Bearer ${HOSTILE_ADMIN_KEY}` } : {}), ...c.headers };
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => rawPost(url, PATH, headers, c.plan)));
  const ms = Math.round(performance.now() - started);
  const { peak } = await rss();
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.kind === 'answer' ? String(a.status) : 'dropped'] = (statuses[a.kind === 'answer' ? String(a.status) : 'dropped'] ?? 0) + 1;
  results.push({ class: c.name, concurrent: CONCURRENT, statuses, peakRssGrowthMB: Math.round(((peak - baseline) / MB) * 10) / 10, ms });
}
child.kill();
const anonymous = results.filter((r) => !r.class.includes('keyed'));
const worst = Math.max(...anonymous.map((r) => r.peakRssGrowthMB));
const worstKeyed = Math.max(...results.filter((r) => r.class.includes('keyed')).map((r) => r.peakRssGrowthMB));
console.log(JSON.stringify({ node: process.version, baselineRssMB: Math.round(baseline / MB), budgetMB: 64, worstAnonymousGrowthMB: worst, worstKeyedGrowthMB: worstKeyed, withinBudget: Math.max(worst, worstKeyed) <= 64, results }, null, 2));
// Sockets the hostile clients left half-open would keep the run alive.
process.exit(0);
