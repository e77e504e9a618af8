// The cost of one evaluation of a compiled flag: estimated from its complexity score (the
// operator cost table), and measured by a short microbenchmark bounded in time.

import { evaluate, type CompiledFlag } from '../../shared/rules/index.ts';

/**
 * Nanoseconds per point of complexity, measured by scripts/bench/preview.ts over the demo flags
 * and the templates (median of measured ns / complexity, Node 22; the per-flag ratio spans about 7 to 170, so
 * the estimate is an order of magnitude, the measurement the figure to trust).
 */
export const NS_PER_COMPLEXITY_POINT = 13;

export type Measurement = { readonly evaluations: number; readonly nsPerEvaluation: number; readonly p99Ns: number };

export function estimateNs(complexity: number): number {
  return Math.round(complexity * NS_PER_COMPLEXITY_POINT);
}

/**
 * Runs the flag over the users for at most `budgetMs`: half timing every call alone for the p99,
 * half timing batches for the mean (which one call's timer would swamp).
 */
export function measure(flag: CompiledFlag, users: readonly Record<string, unknown>[], now: number, budgetMs: number): Measurement {
  const n = users.length;
  for (let i = 0; i < Math.min(200, n * 4); i++) evaluate(flag, users[i % n]!, { now });
  const half = BigInt(Math.round((budgetMs / 2) * 1e6));
  const samples: number[] = [];
  let start = process.hrtime.bigint();
  for (let i = 0; process.hrtime.bigint() - start < half; i++) {
    const t0 = process.hrtime.bigint();
    evaluate(flag, users[i % n]!, { now });
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  let batched = 0;
  start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < half) {
    for (let j = 0; j < 64; j++) evaluate(flag, users[(batched + j) % n]!, { now });
    batched += 64;
    elapsed = process.hrtime.bigint() - start;
  }
  samples.sort((a, b) => a - b);
  const p99 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] ?? 0;
  return { evaluations: samples.length + batched, nsPerEvaluation: Math.round(Number(elapsed) / batched), p99Ns: p99 };
}
