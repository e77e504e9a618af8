// Our rules as GrowthBook features: conditions in its MongoDB-like syntax (ends/starts with as
// $regex, which is how GrowthBook expresses them), serves as force rules, and a rollout as a
// force rule with `coverage` (its own FNV-1a hashing, so who is in the 30% differs from ours).

import type { Condition, FlagInput } from '../../shared/rules/index.ts';
import { Unsupported } from './to-json-logic.ts';

type GbCondition = Record<string, unknown>;
export type GbRule = { condition?: GbCondition; force: unknown; coverage?: number; hashAttribute?: string; seed?: string };
export type GbFeature = { defaultValue: unknown; rules: GbRule[] };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function clauseCondition(clause: Extract<Condition, { op: string }>): GbCondition {
  const { attr, op, value } = clause;
  if (attr === undefined || clause.caseInsensitive) throw new Unsupported(`clause ${op} without attr or case-insensitive`);
  switch (op) {
    case 'in': return { [attr]: { $in: value } };
    case 'eq': return { [attr]: value };
    case 'gte': return { [attr]: { $gte: value } };
    case 'starts_with': return { [attr]: { $regex: `^${escape(String(value))}` } };
    case 'ends_with': return { [attr]: { $regex: `${escape(String(value))}$` } };
    case 'semver_gte': return { [attr]: { $vgte: value } };
    case 'matches': return { [attr]: { $regex: value } };
    default: throw new Unsupported(`operator ${op} is not translated`);
  }
}

export function gbCondition(condition: Condition): GbCondition {
  if ('all' in condition) return { $and: condition.all.map(gbCondition) };
  if ('any' in condition) return { $or: condition.any.map(gbCondition) };
  if ('not' in condition) return { $not: gbCondition(condition.not) };
  if ('segment' in condition) throw new Unsupported('segments are not translated');
  return clauseCondition(condition);
}

export function gbFeature(flag: FlagInput): GbFeature {
  const rules = (flag.rules ?? []).map((rule, i, all): GbRule => {
    if (rule.when === undefined || rule.schedule) throw new Unsupported('rules without `when` or with schedules are not translated');
    const condition = gbCondition(rule.when as Condition);
    if ('variant' in rule.serve) return { condition, force: flag.variants[rule.serve.variant] };
    // GrowthBook skips a rule to the next one for users outside `coverage`; ours serves the rest of
    // the split. They agree when the split is the last rule and its other variant is the default.
    const { split, by = 'targetingKey', salt = flag.key } = rule.serve.rollout;
    if (i !== all.length - 1 || split.length !== 2 || split[1]!.variant !== flag.defaultVariant) throw new Unsupported('only a last-rule two-way split is translated');
    return { condition, force: flag.variants[split[0]!.variant], coverage: split[0]!.weight / 100, hashAttribute: by, seed: salt };
  });
  return { defaultValue: flag.variants[flag.defaultVariant], rules };
}
