// `node scripts/bench/http.ts`: the HTTP budgets of DESIGN.md section 7, measured side by side in
// one run. autocannon drives a bare Functions Framework handler and the evaluate function (each
// in its own process) at 50 connections for requests/s and at 10 for p99; then batch, and the
// import time of each function bundle. Prints one JSON object; progress goes to stderr.

import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEY } from './http-key.ts';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/**
 * Rounds of bare, single and bulk, interleaved. Two shared cores make a run's speed swing by a
 * third from one minute to the next, for the bare handler as much as for ours, so each round's
 * ratio compares neighbours in time and the ratios' median is the figure.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);

/**
 * Each server's stdout (its log lines) goes to a file, as a deployed function's goes to the
 * platform's log agent: read by neither the load generator nor the measured process.
 */
async function start(mode: 'bare' | 'evaluate'): Promise<{ port: number; child: ChildProcess; logFile: string }> {
  const logFile = join(tmpdir(), `switchyard-bench-${mode}-${process.pid}.log`);
  const logs = openSync(logFile, 'w');
  const child = spawn(process.execPath, [join(here, 'http-server.ts'), mode], { stdio: ['ignore', logs, 'inherit', 'ipc'], env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
  closeSync(logs);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { ready?: number }) => (message.ready ? resolve(message.ready) : reject(new Error(`${mode} server: unexpected message`))));
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { port, child, logFile };
}

type Load = { requestsPerSec: number; p50Ms: number; p99Ms: number; non2xx: number };

async function load(url: string, connections: number, body?: string): Promise<Load> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}` },
    ...(body ? { body } : {}),
  });
  return { requestsPerSec: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

type Measured = { requestsPerSec50: number; p99MsAt10: number; p50MsAt10: number; non2xx: number };

async function measureOnce(name: string, url: string, body: string): Promise<Measured> {
  process.stderr.write(`${name}: 50 connections, then 10, ${seconds} s each\n`);
  const throughput = await load(url, 50, body);
  const latency = await load(url, 10, body);
  return { requestsPerSec50: throughput.requestsPerSec, p99MsAt10: latency.p99Ms, p50MsAt10: latency.p50Ms, non2xx: throughput.non2xx + latency.non2xx };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function summarise(runs: readonly Measured[]): Measured & { runs: number[] } {
  return {
    requestsPerSec50: median(runs.map((r) => r.requestsPerSec50)),
    p99MsAt10: median(runs.map((r) => r.p99MsAt10)),
    p50MsAt10: median(runs.map((r) => r.p50MsAt10)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    runs: runs.map((r) => r.requestsPerSec50),
  };
}

/**
 * A batch of 1,000 contexts x 100 flags, 30 times: the client's time to the last byte (node:http,
 * the 6.5 MB answer counted and dropped, not collected) and the server's own latency, read from the
 * request lines it logged, which run from the request's arrival to the answer's last write.
 */
async function batchMs(port: number, logFile: string): Promise<{ medianMs: number; serverMedianMs: number; responseBytes: number; contexts: number; flags: number }> {
  const contexts = Array.from({ length: 1000 }, (_, i) => ({ targetingKey: `user-${i}`, country: ['US', 'DE', 'FR', 'JP', 'BR'][i % 5], plan: i % 3 === 0 ? 'pro' : 'free', appVersion: `2.${i % 6}.0`, email: `u${i}@example.com` }));
  const body = JSON.stringify({ contexts });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/evaluate/batch', method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}`, 'content-length': Buffer.byteLength(body) } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`batch answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const times: number[] = [];
  let responseBytes = 0;
  for (let i = 0; i < 32; i++) {
    const started = performance.now();
    responseBytes = await once();
    if (i >= 2) times.push(performance.now() - started);
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // the server's log lines reach the file
  const server = readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('/v1/evaluate/batch')).map((line) => (JSON.parse(line) as { latencyMs: number }).latencyMs).slice(2);
  const mid = (values: number[]) => Math.round(median(values) * 10) / 10;
  return { medianMs: mid(times), serverMedianMs: server.length > 0 ? mid(server) : NaN, responseBytes, contexts: 1000, flags: 100 };
}

/**
 * The modules the Functions Framework's CLI has loaded before it imports the user's code
 * (build/src/main.js requires its server, with Express and body-parser, first): a cold start
 * pays for them whatever the function, as the bare handler does.
 */
const FRAMEWORK_MODULES = ['server.js', 'loader.js', 'invoker.js', 'options.js'];

/**
 * Milliseconds to import each built bundle in a fresh process once the framework is loaded (the
 * cold start's share we own), on the embedded store and as deployed on Firestore (no call is made
 * at import; the Firestore client loads on first use), and the framework's own load for scale.
 */
function bundleImports(): { framework: number; memory: Record<string, number>; firestore: Record<string, number> } {
  spawnSync(process.execPath, [join(root, 'scripts', 'build.ts')], { stdio: 'inherit' });
  const dist = join(root, 'dist');
  const frameworkDir = join(root, 'node_modules', '@google-cloud', 'functions-framework', 'build', 'src');
  const loadFramework = `const {createRequire}=await import('node:module');const r=createRequire(${JSON.stringify(join(dist, 'x.js'))});const f=performance.now();for(const m of ${JSON.stringify(FRAMEWORK_MODULES)})r(${JSON.stringify(frameworkDir + '/')}+m);const framework=performance.now()-f;`;
  const medianOf = (script: string, env: NodeJS.ProcessEnv) => {
    const runs = Array.from({ length: 5 }, () => JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', script], { env }).stdout.toString().trim().split('\n').pop()!) as { bundle: number; framework: number });
    const at = (key: 'bundle' | 'framework') => Math.round(runs.map((r) => r[key]).sort((a, b) => a - b)[2]! * 10) / 10;
    return { bundle: at('bundle'), framework: at('framework') };
  };
  const out = { framework: 0, memory: {} as Record<string, number>, firestore: {} as Record<string, number> };
  for (const name of existsSync(dist) ? readdirSync(dist) : []) {
    const entry = join(dist, name, 'index.js');
    if (!existsSync(entry)) continue;
    const script = `${loadFramework}const t=performance.now();await import(${JSON.stringify(entry)});console.log(JSON.stringify({bundle:performance.now()-t,framework}));process.exit(0)`;
    for (const store of ['memory', 'firestore'] as const) {
      // The streams bundle (and evaluate with SWITCHYARD_STREAMS_URL) refuses to load outside local/test without a stream secret;
      // the embedded store runs only in the local and test stages (test logs JSON, as production does).
      const env = { ...process.env, METADATA_SERVER_DETECTION: 'none', PORT: '0', SWITCHYARD_STAGE: store === 'memory' ? 'test' : 'production', SWITCHYARD_STORE: store, GOOGLE_CLOUD_PROJECT: 'bench', SWITCHYARD_STREAM_SECRET: 'bench-stream-secret-of-at-least-32-characters' };
      const measured = medianOf(script, env);
      out[store][name] = measured.bundle;
      out.framework = Math.max(out.framework, measured.framework);
    }
  }
  return out;
}

const bare = await start('bare');
const evaluate = await start('evaluate');
try {
  // The baseline receives the very request the evaluate function does: same headers, same body.
  const request = JSON.stringify({ context: { targetingKey: 'user-1', country: 'DE', plan: 'pro', appVersion: '2.4.0' } });
  const targets = {
    bare: `http://127.0.0.1:${bare.port}/ofrep/v1/evaluate/flags/flag-7`,
    single: `http://127.0.0.1:${evaluate.port}/ofrep/v1/evaluate/flags/flag-7`,
    bulk: `http://127.0.0.1:${evaluate.port}/ofrep/v1/evaluate/flags`,
  } as const;
  const runs: Record<keyof typeof targets, Measured[]> = { bare: [], single: [], bulk: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(targets) as (keyof typeof targets)[]) runs[name].push(await measureOnce(`round ${round + 1}: ${name}`, targets[name], request));
  }
  const baseline = summarise(runs.bare);
  const single = summarise(runs.single);
  const bulk = summarise(runs.bulk);
  const batch = await batchMs(evaluate.port, evaluate.logFile);
  const imports = bundleImports();
  const ofBare = (name: 'single' | 'bulk') => Math.round(median(runs[name].map((r, i) => r.requestsPerSec50 / runs.bare[i]!.requestsPerSec50)) * 1000) / 1000;
  console.log(JSON.stringify({
    node: process.version,
    seconds,
    rounds,
    bare: baseline,
    ofrepSingle: { ...single, ofBare: ofBare('single') },
    ofrepBulk100: { ...bulk, ofBare: ofBare('bulk') },
    batch1000x100: batch,
    bundleImportMs: imports,
    budgets: {
      singleAtLeast90PercentOfBare: ofBare('single') >= 0.9,
      bulkAtLeast80PercentOfBare: ofBare('bulk') >= 0.8,
      // DESIGN.md section 7: the framework's own p99 is set by its garbage collection.
      singleP99WithinBarePlus2ms: single.p99MsAt10 <= baseline.p99MsAt10 + 2,
      batchUnder50ms: batch.medianMs < 50,
      importsUnder150ms: Object.values(imports.memory).every((ms) => ms < 150),
      importsUnder150msOnFirestore: Object.values(imports.firestore).every((ms) => ms < 150),
    },
  }, null, 2));
} finally {
  bare.child.kill();
  evaluate.child.kill();
}
