// Each rule in normal form, with what a user needs for the rule to serve: its condition and,
// for a rollout that skips users without a unit, the unit itself.

import type { PathSegment } from '../issues.ts';
import type { Flag, Rule, Segment } from '../schema.ts';
import { normalize, type Conjunction, type Literal, type Term } from './normalize.ts';

export type RuleForm = {
  readonly rule: Rule;
  readonly index: number;
  readonly at: readonly PathSegment[];
  readonly condition: Conjunction;
  /** Every user matching all of these is served by the rule, whenever it is active. */
  readonly serving: readonly Term[];
  readonly scheduled: boolean;
};

function unitLiteral(by: string, at: readonly PathSegment[]): Literal {
  return { kind: 'literal', attr: by, key: `unit:${by}`, shape: { kind: 'unit' }, negated: false, path: [...at, 'serve', 'rollout', 'by'], text: `${by} is set` };
}

export function ruleForms(flag: Flag, segments: Readonly<Record<string, Segment>>): RuleForm[] {
  return (flag.rules ?? []).map((rule, index) => {
    const at = ['rules', index];
    const condition = normalize(rule.when, [...at, 'when'], segments);
    const serve = rule.serve;
    // Without a unit such a rollout does not match, and the next rule gets the user.
    const skips = 'rollout' in serve && serve.rollout.whenUnitMissing !== 'first_variant';
    const serving = skips ? [...condition.terms, unitLiteral(serve.rollout.by, at)] : condition.terms;
    return { rule, index, at, condition, serving, scheduled: rule.schedule !== undefined };
  });
}

/** `rule 'eu'`, the way messages name a rule. */
export const ruleName = (form: RuleForm) => `rule '${form.rule.id}'`;
