// Compiling 10,000 varied typical flags: wall time and heap growth (heapUsed after a full GC,
// before and after, the compiled flags kept alive). Run with --expose-gc.

import { compileFlag, type CompiledFlag } from '../../shared/rules/index.ts';
import { typicalFlags } from './workloads.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const collect = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const docs = typicalFlags(10_000, 11);
const before = collect();
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const compiled: CompiledFlag[] = [];
for (const doc of docs) {
  const result = compileFlag(doc);
  if (!result.ok) throw new Error(`${doc.key} does not compile: ${JSON.stringify(result.errors)}`);
  compiled.push(result.flag);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const after = collect();
process.stdout.write(JSON.stringify({ ms: Math.round(ms), heapMB: Math.round(((after - before) / 2 ** 20) * 10) / 10, cpuMs: Math.round((cpu.user + cpu.system) / 1000), flags: compiled.length, perFlagUs: Math.round((ms * 1000) / compiled.length) }));
