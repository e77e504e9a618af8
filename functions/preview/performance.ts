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
 * Runs the flag over the users within `budgetMs` from `started` (a process.hrtime.bigint() reading
 * taken when the request's work began), the clock read before every evaluation, so the request
 * costs at most its budget and one evaluation: a quarter warming up, then timing every call alone
 * for the p99, then the rest timing batches for the mean (which one call's timer would swamp). A
 * flag whose evaluation outlasts a phase is measured from the calls that did run.
 */
export function measure(flag: CompiledFlag, users: readonly Record<string, unknown>[], now: number, budgetMs: number, started: bigint = process.hrtime.bigint()): Measurement {
  const n = users.length;
  const budget = BigInt(Math.round(budgetMs * 1e6));
  const [warmEnd, timedEnd, end] = [started + budget / 4n, started + (budget * 5n) / 8n, started + budget];
  const samples: number[] = [];
  const timeOne = (i: number) => {
    const t0 = process.hrtime.bigint();
    evaluate(flag, users[i % n]!, { now });
    samples.push(Number(process.hrtime.bigint() - t0));
  };
  for (let i = 0; i < Math.min(200, n * 4) && process.hrtime.bigint() < warmEnd; i++) timeOne(i);
  const warm = samples.splice(0);
  for (let i = 0; process.hrtime.bigint() < timedEnd; i++) timeOne(i);
  let batched = 0;
  const start = process.hrtime.bigint();
  // Batches of 64 while evaluations are cheap; one at a time when one is a visible part of the budget.
  const batch = samples.length > 64 ? 64 : 1;
  while (process.hrtime.bigint() < end) {
    for (let j = 0; j < batch; j++) evaluate(flag, users[(batched + j) % n]!, { now });
    batched += batch;
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  const timed = samples.length > 0 ? samples : warm;
  timed.sort((a, b) => a - b);
  const p99 = timed[Math.min(timed.length - 1, Math.floor(timed.length * 0.99))] ?? 0;
  const mean = batched > 0 ? elapsed / batched : timed.reduce((a, b) => a + b, 0) / Math.max(timed.length, 1);
  return { evaluations: warm.length + samples.length + batched, nsPerEvaluation: Math.round(mean), p99Ns: p99 };
}
