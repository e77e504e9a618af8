// Measuring one call: throughput as the median of timed runs after a warm-up, and the tail as
// percentiles of per-call times sampled with process.hrtime.bigint over small batches.

export type MeasureOptions = {
  readonly runs: number;
  readonly runMs: number;
  readonly warmupMs: number;
  readonly sampleMs: number;
  /** Each timed batch lasts at least this long, so the timer's own cost stays small. */
  readonly batchNs: number;
};

export const DEFAULTS: MeasureOptions = { runs: 5, runMs: 300, warmupMs: 1000, sampleMs: 300, batchNs: 2000 };

export type Measurement = {
  readonly opsPerSec: number;
  /** Median calls per second of process CPU time. */
  readonly opsPerCpuSec: number;
  readonly p99Ns: number;
  readonly p50Ns: number;
  readonly runsOpsPerSec: readonly number[];
  /** Calls per timed batch in the percentile sampling. */
  readonly batch: number;
  readonly samples: number;
};

/** Keeps results alive, so no call can be optimised away. */
export let sink: unknown;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Run = { readonly wall: number; readonly cpu: number };

/**
 * Calls `call(inputs[i])` cycling through inputs for at least `ms`; returns calls per second of
 * wall time and of the process's CPU time (which other processes on the machine disturb less).
 */
function timedRun<T>(call: (input: T) => unknown, inputs: readonly T[], ms: number): Run {
  // Between clock reads, about a millisecond of calls: doubled from one until it gets there.
  let chunk = 1;
  let calls = 0;
  let i = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms * 1e6);
  let now = start;
  while (now < until) {
    for (let c = 0; c < chunk; c++) {
      sink = call(inputs[i]!);
      if (++i === inputs.length) i = 0;
    }
    calls += chunk;
    const last = now;
    now = process.hrtime.bigint();
    if (now - last < 1_000_000n && chunk < 1_000_000) chunk *= 2;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: calls / (Number(now - start) / 1e9), cpu: calls / ((cpu.user + cpu.system) / 1e6) };
}

/** The cost of one `process.hrtime.bigint()` pair, subtracted from every batch. */
function timerOverheadNs(): number {
  const xs: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const a = process.hrtime.bigint();
    const b = process.hrtime.bigint();
    xs.push(Number(b - a));
  }
  return median(xs);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function measure<T>(call: (input: T) => unknown, inputs: readonly T[], options: MeasureOptions = DEFAULTS): Measurement {
  timedRun(call, inputs, options.warmupMs);
  const runs = Array.from({ length: options.runs }, () => timedRun(call, inputs, options.runMs));
  const runsOpsPerSec = runs.map((r) => r.wall);
  const opsPerSec = median(runsOpsPerSec);
  const batch = Math.max(1, Math.min(64, Math.ceil((options.batchNs * opsPerSec) / 1e9)));
  const overhead = timerOverheadNs();
  const capacity = Math.ceil((options.sampleMs * 1e6 * opsPerSec) / 1e9 / batch) + 1;
  const perCall = new Float64Array(Math.min(capacity, 200_000));
  let samples = 0;
  let i = 0;
  const until = process.hrtime.bigint() + BigInt(options.sampleMs * 1e6);
  while (samples < perCall.length) {
    const start = process.hrtime.bigint();
    for (let c = 0; c < batch; c++) {
      sink = call(inputs[i]!);
      if (++i === inputs.length) i = 0;
    }
    const end = process.hrtime.bigint();
    perCall[samples++] = Math.max(0, Number(end - start) - overhead) / batch;
    if (end > until) break;
  }
  const sorted = perCall.subarray(0, samples).sort();
  return { opsPerSec: Math.round(opsPerSec), opsPerCpuSec: Math.round(median(runs.map((r) => r.cpu))), p99Ns: Math.round(percentile(sorted, 0.99)), p50Ns: Math.round(percentile(sorted, 0.5)), runsOpsPerSec: runsOpsPerSec.map(Math.round), batch, samples };
}
