// `npm run bench`: every engine on every workload, each cell in its own process, then compiling
// 10,000 flags; prints one JSON object on stdout (progress on stderr) with the budget verdicts
// of DESIGN.md section 7.

import { execFileSync } from 'node:child_process';
import { loadavg, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ENGINE_NAMES, type EngineName } from './engines/engine.ts';
import type { WorkloadName } from './workloads.ts';

type Cell = { opsPerSec: number | null; p99Ns: number | null; [extra: string]: unknown };

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const PEERS: readonly EngineName[] = ['json-logic-js', 'flagd-core', 'growthbook'];
const WORKLOAD_NAMES: readonly WorkloadName[] = ['W1', 'W2', 'W3'];
// GrowthBook reads process.env.NODE_ENV on every evaluation unless it is "production", as a deployed server's is.
const env = { ...process.env, NODE_ENV: 'production' };

function child(args: readonly string[]): Cell {
  const out = execFileSync(process.execPath, [...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(out) as Cell;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function fastestPeer(cells: Readonly<Record<string, Cell>>): { engine: string; opsPerSec: number } {
  const ranked = PEERS.flatMap((p) => (cells[p]?.opsPerSec ? [{ engine: p, opsPerSec: cells[p].opsPerSec }] : [])).sort((a, b) => b.opsPerSec - a.opsPerSec);
  return ranked[0]!;
}

const loadBefore = loadavg().map((x) => round(x));
const workloads: Record<string, Record<string, Cell>> = {};
for (const w of WORKLOAD_NAMES) {
  workloads[w] = {};
  for (const e of ENGINE_NAMES) {
    process.stderr.write(`${w} ${e} ... `);
    const cell = child([here('./cell.ts'), w, e]);
    workloads[w][e] = cell;
    process.stderr.write(cell.opsPerSec === null ? `unsupported (${String(cell.unsupported)})\n` : `${cell.opsPerSec.toLocaleString('en')} calls/s, p99 ${cell.p99Ns} ns\n`);
  }
}
process.stderr.write('compile10k ... ');
const compile10k = child(['--expose-gc', here('./compile10k.ts')]) as unknown as { ms: number; heapMB: number };
process.stderr.write(`${compile10k.ms} ms, ${compile10k.heapMB} MB\n`);

const w1Peer = fastestPeer(workloads.W1!);
const w3Peer = fastestPeer(workloads.W3!);
const w1Ratio = round(workloads.W1!.compiled!.opsPerSec! / w1Peer.opsPerSec);
const w3Ratio = round(workloads.W3!.compiled!.opsPerSec! / w3Peer.opsPerSec);
const w2Compiled = workloads.W2!.compiled!;
const w2MeanUs = round(1e6 / w2Compiled.opsPerSec!, 1);
const w2P99Us = round(w2Compiled.p99Ns! / 1000, 1);
const w2Peer = fastestPeer(workloads.W2!);

const result = {
  node: process.version,
  workloads,
  compile10k,
  ratios: {
    W1: { compiledVsFastestPeer: w1Ratio, fastestPeer: w1Peer.engine },
    W2: { compiledMeanUsPerCall: w2MeanUs, compiledP99UsPerCall: w2P99Us, fastestPeer: w2Peer.engine, fastestPeerMeanUsPerCall: round(1e6 / w2Peer.opsPerSec, 1) },
    W3: { compiledVsFastestPeer: w3Ratio, fastestPeer: w3Peer.engine },
  },
  budgets: {
    'W1 compiled >= 3x fastest peer (goal 4x)': { value: w1Ratio, pass: w1Ratio >= 3, goal: w1Ratio >= 4 },
    'W2 <= 100 us per call': { value: w2MeanUs, p99: w2P99Us, pass: w2MeanUs <= 100 },
    'W3 compiled >= fastest peer (re2js, linear-time)': { value: w3Ratio, pass: w3Ratio >= 1 },
    'compile 10,000 flags < 1 s': { value: compile10k.ms, pass: compile10k.ms < 1000 },
    'compile 10,000 flags heap < 50 MB': { value: compile10k.heapMB, pass: compile10k.heapMB < 50 },
  },
  machine: { cpus: cpus().length, loadavgBefore: loadBefore, loadavgAfter: loadavg().map((x) => round(x)), env: { NODE_ENV: 'production' } },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
