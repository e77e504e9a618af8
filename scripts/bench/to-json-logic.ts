// Our rules as JSON Logic, for json-logic-js and for flagd (whose targeting is JSON Logic with
// its own operators: sem_ver, starts_with, ends_with, fractional). Only the operators the
// workloads use are translated; anything else is reported as unsupported.

import type { Condition, FlagInput, Rule } from '../../shared/rules/index.ts';

export type Dialect = 'flagd' | 'json-logic-js';
export type Logic = unknown;

export class Unsupported extends Error {}

const variable = (attr: string) => ({ var: attr });

function clauseLogic(clause: Extract<Condition, { op: string }>, dialect: Dialect): Logic {
  const { attr, op, value } = clause;
  if (attr === undefined || clause.caseInsensitive) throw new Unsupported(`clause ${op} without attr or case-insensitive`);
  switch (op) {
    case 'in': return { in: [variable(attr), value] };
    case 'eq': return { '==': [variable(attr), value] };
    case 'gte': return { '>=': [variable(attr), value] };
    case 'starts_with': return { starts_with: [variable(attr), value] };
    case 'ends_with': return { ends_with: [variable(attr), value] };
    case 'semver_gte': return { sem_ver: [variable(attr), '>=', value] };
    case 'matches':
      if (dialect === 'flagd') throw new Unsupported('flagd has no regex operator');
      return { matches: [variable(attr), value] };
    default: throw new Unsupported(`operator ${op} is not translated`);
  }
}

export function conditionLogic(condition: Condition, dialect: Dialect): Logic {
  if ('all' in condition) return { and: condition.all.map((c) => conditionLogic(c, dialect)) };
  if ('any' in condition) return { or: condition.any.map((c) => conditionLogic(c, dialect)) };
  if ('not' in condition) return { '!': conditionLogic(condition.not, dialect) };
  if ('segment' in condition) throw new Unsupported('segments are not translated');
  return clauseLogic(condition, dialect);
}

/**
 * A split as JSON Logic. flagd's `fractional` over `salt/unit` with weights in thousandths of a
 * percent is exactly our bucketing (murmur3 x86 32, floor(hash * 100000 / 2^32)); json-logic-js
 * has no hashing, so it gets a `bucket` operator (see engines/json-logic-js.ts) and thresholds.
 */
function splitLogic(rule: Rule, salt: string, dialect: Dialect): Logic {
  if (!('rollout' in rule.serve)) throw new Error('not a split');
  const { by = 'targetingKey', split } = rule.serve.rollout;
  const weights = split.map((s) => ({ variant: s.variant, thousandths: Math.round(s.weight * 1000) }));
  if (dialect === 'flagd') {
    return { fractional: [{ cat: [`${salt}/`, variable(by)] }, ...weights.map((w) => [w.variant, w.thousandths])] };
  }
  const bucket = { bucket: [salt, variable(by)] };
  let upTo = 0;
  const branches: Logic[] = [];
  for (const w of weights.slice(0, -1)) {
    upTo += w.thousandths;
    branches.push({ '<': [bucket, upTo] }, w.variant);
  }
  return { if: [...branches, weights[weights.length - 1]!.variant] };
}

/** The flag's targeting: the variant name it serves (`null` when it has no rules, for flagd). */
export function flagLogic(flag: FlagInput, dialect: Dialect): Logic {
  const rules = flag.rules ?? [];
  if (rules.length === 0) return dialect === 'flagd' ? null : flag.defaultVariant;
  const branches: Logic[] = [];
  for (const rule of rules) {
    if (rule.schedule) throw new Unsupported('rule schedules are not translated');
    const served = 'variant' in rule.serve ? rule.serve.variant : splitLogic(rule as Rule, rule.serve.rollout.salt ?? flag.key, dialect);
    if (rule.when === undefined) throw new Unsupported('a rule without `when` is not translated');
    branches.push(conditionLogic(rule.when as Condition, dialect), served);
  }
  return { if: [...branches, flag.defaultVariant] };
}
