// What a matching rule serves: one variant, or a split of the audience by bucket.

import { bucketerFor } from '../bucketing.ts';
import { readerFor } from '../attributes.ts';
import type { Evaluation, TraceStep } from '../evaluation.ts';
import { REDACTED } from '../evaluation.ts';
import type { Context, Flag, JsonValue, Rollout, Rule } from '../schema.ts';
import { toUnit } from '../values.ts';
import { weightThousandths } from '../validate/flag.ts';

/** Serves a matched rule; null when the rule does not match after all (no unit for a split). */
export type Serve = (context: Context, steps: TraceStep[] | null) => Evaluation | null;

export type Range = { readonly variant: string; readonly from: number; readonly to: number };

/** Consecutive bucket ranges in split order, so growing the first variant moves nobody out of it. */
export function rangesOf(split: readonly { variant: string; weight: number }[]): Range[] {
  let from = 0;
  return split.map(({ variant, weight }) => {
    const to = from + (weightThousandths(weight) ?? 0);
    const range = { variant, from, to };
    from = to;
    return range;
  });
}

/** A rule's serve, and its result when that never changes (a fixed variant). */
export type CompiledServe = { readonly serve: Serve; readonly constant: Evaluation | null };

export function compileServe(flag: Flag, rule: Rule, values: Readonly<Record<string, JsonValue>>, isPrivate: (attr: string) => boolean): CompiledServe {
  const serve = rule.serve;
  if ('variant' in serve) {
    const result: Evaluation = Object.freeze({ reason: 'TARGETING_MATCH', flagKey: flag.key, value: values[serve.variant]!, variant: serve.variant, ruleId: rule.id });
    return { serve: () => result, constant: result };
  }
  return { serve: compileRollout(flag, rule, serve.rollout, values, isPrivate), constant: null };
}

function compileRollout(flag: Flag, rule: Rule, rollout: Rollout, values: Readonly<Record<string, JsonValue>>, isPrivate: (attr: string) => boolean): Serve {
  const { by, split, experiment, whenUnitMissing } = rollout;
  const salt = rollout.salt ?? flag.key;
  const read = readerFor(by);
  const bucketOf = bucketerFor(salt);
  const ranges = rangesOf(split).filter((r) => r.to > r.from);
  const first = split[0]!.variant;
  const fallback: Evaluation | null =
    whenUnitMissing === 'first_variant'
      ? Object.freeze({ reason: 'TARGETING_MATCH', flagKey: flag.key, value: values[first]!, variant: first, ruleId: rule.id })
      : null;
  const experimentId = experiment?.id;
  const redact = isPrivate(by);
  return (context, steps) => {
    const unit = toUnit(read(context));
    if (unit === undefined) return fallback;
    const bucket = bucketOf(unit);
    let range = ranges[ranges.length - 1]!;
    for (const r of ranges) {
      if (bucket < r.to) {
        range = r;
        break;
      }
    }
    if (steps) {
      steps.push({ kind: 'split', ruleId: rule.id, by, unit: redact ? REDACTED : unit, salt, bucket, ranges, variant: range.variant });
    }
    const value = values[range.variant]!;
    return experimentId === undefined
      ? { reason: 'SPLIT', flagKey: flag.key, value, variant: range.variant, ruleId: rule.id, bucket }
      : { reason: 'SPLIT', flagKey: flag.key, value, variant: range.variant, ruleId: rule.id, bucket, experimentId };
  };
}

