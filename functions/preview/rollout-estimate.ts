// Expected users per variant for an audience, with a 95% interval.
//
// Each user i of a sample contributes q_i(v), the probability that they get variant v: the split
// weight / 100 for a user who reaches a rollout, 1 for the variant a fixed rule, the default or
// the off variant serves them, 0 otherwise. With p = mean(q_i(v)) over the m users:
//   expected = n × p
//   variance = n × p × (1 − p)        (which users of the audience land where: binomial)
//            + n² × s² / m            (how well the sample stands for the audience; s² the
//                                      sample variance of q_i(v), 0 without a sample)
//   interval = expected ± 1.96 × √variance, clamped to [0, n]
// Without a sample the estimate is for n users who reach one rollout rule: each such user is a
// "sample" of q = weight / 100, so the interval is the binomial one alone.

import type { CompiledFlag, Split } from '../../shared/rules/index.ts';
import type { WorkDeadline } from '../../shared/http/work-deadline.ts';
import { evaluateUser } from './preview-run.ts';

export type VariantEstimate = { readonly variant: string; readonly share: number; readonly expected: number; readonly low: number; readonly high: number };

const Z95 = 1.96;
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** Per-variant estimates from each sample user's probabilities over variants. */
export function estimateFrom(probabilities: readonly ReadonlyMap<string, number>[], variants: readonly string[], audience: number): VariantEstimate[] {
  const m = probabilities.length;
  return variants.map((variant) => {
    const q = probabilities.map((p) => p.get(variant) ?? 0);
    const p = m === 0 ? 0 : q.reduce((a, b) => a + b, 0) / m;
    const s2 = m < 2 ? 0 : q.reduce((a, b) => a + (b - p) ** 2, 0) / (m - 1);
    const variance = audience * p * (1 - p) + (audience * audience * s2) / Math.max(m, 1);
    const expected = audience * p;
    const half = Z95 * Math.sqrt(variance);
    return { variant, share: round(p, 4), expected: round(expected, 2), low: round(Math.max(0, expected - half), 2), high: round(Math.min(audience, expected + half), 2) };
  });
}

export function splitProbabilities(split: readonly Split[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of split) out.set(s.variant, (out.get(s.variant) ?? 0) + s.weight / 100);
  return out;
}

/** The split of a rule, or the one variant it serves. */
export function servedBy(flag: CompiledFlag, ruleId: string): Map<string, number> | undefined {
  const rule = (flag.doc.rules ?? []).find((r) => r.id === ruleId);
  if (!rule) return undefined;
  return 'rollout' in rule.serve ? splitProbabilities(rule.serve.rollout.split) : new Map([[rule.serve.variant, 1]]);
}

export type SampleReach = { readonly ruleId: string | null; readonly reason: string; readonly share: number };

/**
 * Each sample user's probabilities over variants, counting only users served by `ruleId` when
 * given, and where the sample went (rule, default, off, error) as shares.
 */
export function sampleProbabilities(flag: CompiledFlag, users: readonly unknown[], now: number, ruleId: string | undefined, deadline?: WorkDeadline): { ok: true; probabilities: Map<string, number>[]; reach: SampleReach[] } | { ok: false; done: number } {
  const where = new Map<string, { ruleId: string | null; reason: string; count: number }>();
  const probabilities: Map<string, number>[] = [];
  for (const user of users) {
    // Checked before each user: the request costs at most its deadline and one evaluation.
    if (deadline?.expired()) return { ok: false, done: probabilities.length };
    probabilities.push(probabilityOf(user));
  }
  const reach = [...where.values()].map(({ ruleId: r, reason, count }) => ({ ruleId: r, reason, share: round(count / Math.max(users.length, 1), 4) }));
  return { ok: true, probabilities, reach: reach.sort((a, b) => b.share - a.share) };

  function probabilityOf(user: unknown): Map<string, number> {
    const result = evaluateUser(flag, user, { now, trace: false });
    const rule = 'ruleId' in result ? result.ruleId : null;
    const place = `${rule ?? ''}|${result.reason}`;
    const seen = where.get(place) ?? { ruleId: rule, reason: result.reason, count: 0 };
    seen.count += 1;
    where.set(place, seen);
    if (ruleId !== undefined && rule !== ruleId) return new Map<string, number>();
    if (result.reason === 'SPLIT') return servedBy(flag, result.ruleId) ?? new Map<string, number>();
    return 'variant' in result ? new Map([[result.variant, 1]]) : new Map<string, number>();
  }
}

