// Reading and writing the weights of one rule's split. Weights change in place, the split's order
// kept: bucketing gives the first variant buckets [0, w1), the next [w1, w1 + w2) and so on, so in
// a two-variant split a growing treatment share only takes users from control and a shrinking one
// only hands its own users back (test/property/release-weights.test.ts checks it).

import type { Flag } from '../rules/index.ts';
import type { Weights } from './plan-schema.ts';

/** The weights of the rule's split, or why there are none. */
export function splitWeights(flag: Flag, ruleId: string): { ok: true; weights: Weights } | { ok: false; problem: string } {
  const rule = (flag.rules ?? []).find((r) => r.id === ruleId);
  if (!rule) return { ok: false, problem: `the flag has no rule "${ruleId}"` };
  if (!('rollout' in rule.serve)) return { ok: false, problem: `rule "${ruleId}" serves one variant, not a split` };
  return { ok: true, weights: Object.fromEntries(rule.serve.rollout.split.map((s) => [s.variant, s.weight])) };
}

export function sameWeights(a: Weights, b: Weights): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (Math.abs((a[k] ?? 0) - (b[k] ?? 0)) > 1e-9) return false;
  return true;
}

/** The flag with the rule's split at `weights` (variants the weights omit get 0), or undefined if the rule has no split. */
export function withWeights(flag: Flag, ruleId: string, weights: Weights): Flag | undefined {
  let found = false;
  const rules = (flag.rules ?? []).map((rule) => {
    if (rule.id !== ruleId || !('rollout' in rule.serve)) return rule;
    found = true;
    const split = rule.serve.rollout.split.map((s) => ({ ...s, weight: weights[s.variant] ?? 0 }));
    return { ...rule, serve: { rollout: { ...rule.serve.rollout, split } } };
  });
  return found ? { ...flag, rules } : undefined;
}

/** Weights with the treatment's share handed to control: what `onBreach: zero` rolls back to. */
export function withoutTreatment(weights: Weights, treatment: string, control: string): Weights {
  const out = { ...weights };
  out[control] = (out[control] ?? 0) + (out[treatment] ?? 0);
  out[treatment] = 0;
  return out;
}

/** Variants the weights name that the split lacks, and the other way round. */
export function weightsMismatch(split: Weights, weights: Weights): string | undefined {
  const missing = Object.keys(weights).filter((v) => !(v in split));
  if (missing.length > 0) return `the split has no variant ${missing.map((v) => `"${v}"`).join(', ')}`;
  const unnamed = Object.keys(split).filter((v) => !(v in weights));
  if (unnamed.length > 0) return `the weights leave out ${unnamed.map((v) => `"${v}"`).join(', ')}`;
  return undefined;
}

/** What a reader of a flag never sees served: a new name, description, tags or golden tests move no user. */
const COSMETIC = new Set(['name', 'description', 'tags', 'metadata', 'tests', 'version']);

/**
 * What decides who the plan's rule serves and with what, without the rule's weights (the plan's
 * own to move): every other field of the flag but the cosmetic ones. A write that leaves it (and
 * the weights) as they were moved no user of the plan, so the plan goes on from the new version;
 * any other write pauses it. Other rules count too: they decide who reaches the plan's rule.
 */
export function audienceOf(flag: Flag, ruleId: string): string {
  const rules = (flag.rules ?? []).map((rule) =>
    rule.id === ruleId && 'rollout' in rule.serve ? { ...rule, serve: { rollout: { ...rule.serve.rollout, split: rule.serve.rollout.split.map((s) => s.variant) } } } : rule,
  );
  return JSON.stringify(Object.entries({ ...flag, rules }).filter(([field]) => !COSMETIC.has(field)));
}
