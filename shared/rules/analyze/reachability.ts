// Rules that can never serve: those after a rule matching everyone, those whose conditions
// contradict each other, and those whose every user an earlier rule (or earlier rules) serves.

import { issue, type Issue } from '../issues.ts';
import { conditionText } from './describe.ts';
import { ruleName, type RuleForm } from './forms.ts';
import { aBudget, clashOf, implies, type Budget, type Clash } from './logic.ts';
import type { Literal, Term } from './normalize.ts';

export type Reachability = {
  readonly issues: Issue[];
  readonly dead: ReadonlySet<number>;
  /** The rule at which the caller's `stop` ended the pass. */
  readonly stoppedAt?: number;
};

export function clashText(clash: Clash): string {
  switch (clash.kind) {
    case 'never':
      return `${clash.literal.text} can never be true`;
    case 'pair':
      return `${clash.a.text} and ${clash.b.text} can never both be true`;
    case 'values':
      return `no value of ${clash.attr} satisfies all of ${clash.literals.map((l) => l.text).join(', ')}`;
    case 'branches':
      return clash.group.branches.length === 0
        ? "it requires an empty 'any' group, which matches no one"
        : "none of the alternatives of its 'any' group can hold together with its other conditions";
  }
}

/** The cases a conjunction splits into: the branches of its first `any`, else the values of its first list. */
function casesOf(terms: readonly Term[]): Term[][] | undefined {
  const split = terms.findIndex((t) => t.kind === 'any' || (!t.negated && t.shape.kind === 'values' && t.shape.atoms.length > 1));
  if (split < 0) return undefined;
  const term = terms[split]!;
  const rest = terms.filter((_, i) => i !== split);
  if (term.kind === 'any') return term.branches.map((b) => [...rest, ...b.terms]);
  const atoms = (term.shape as Extract<Literal['shape'], { kind: 'values' }>).atoms;
  return atoms.map((atom, i) => [...rest, { ...term, key: `${term.key}#${i}`, shape: { kind: 'values', atoms: [atom] } }]);
}

/** The earlier rules that together serve every user of `terms`, or undefined when not certain. */
function coveredBy(terms: readonly Term[], earlier: readonly RuleForm[], budget: Budget): RuleForm[] | undefined {
  const one = earlier.find((e) => implies(terms, e.serving, budget));
  if (one) return [one];
  const cases = casesOf(terms);
  if (!cases) return undefined;
  const found = new Set<RuleForm>();
  for (const c of cases) {
    if (clashOf(c, budget)) continue;
    const cover = coveredBy(c, earlier, budget);
    if (!cover) return undefined;
    cover.forEach((f) => found.add(f));
  }
  return found.size > 0 ? earlier.filter((f) => found.has(f)) : undefined;
}

function servedText(form: RuleForm): string {
  const serve = form.rule.serve;
  const unit = 'rollout' in serve && serve.rollout.whenUnitMissing !== 'first_variant' ? `, when ${serve.rollout.by} is set` : '';
  return `${ruleName(form)} (${conditionText(form.rule.when)}${unit})`;
}

function shadowMessage(form: RuleForm, cover: readonly RuleForm[]): string {
  const names = cover.map(servedText).join(' or ');
  const which = cover.length === 1 ? 'which comes first' : 'which come first';
  return `Rule '${form.rule.id}' can never serve: every user it matches (${conditionText(form.rule.when)}) is already matched by ${names}, ${which}.`;
}

function afterEveryoneMessage(form: RuleForm, everyone: RuleForm): string {
  const why = everyone.rule.when === undefined ? 'it has no conditions' : 'its conditions hold for everyone';
  return `Rule '${form.rule.id}' can never serve: ${ruleName(everyone)} comes first and matches every user (${why}).`;
}

/** Finds the rules that can never serve; earlier rules with a schedule never hide later ones. */
export function reachability(forms: readonly RuleForm[], stop: () => boolean): Reachability {
  const issues: Issue[] = [];
  const dead = new Set<number>();
  const shadowing: RuleForm[] = [];
  let everyone: RuleForm | undefined;
  for (const form of forms) {
    if (stop()) return { issues, dead, stoppedAt: form.index };
    if (everyone) {
      issues.push(issue(form.at, 'UNREACHABLE_RULE', afterEveryoneMessage(form, everyone)));
      dead.add(form.index);
      continue;
    }
    const clash = clashOf(form.condition.terms, aBudget());
    const cover = clash ? undefined : coveredBy(form.condition.terms, shadowing, aBudget());
    if (clash) issues.push(issue(form.at, 'UNREACHABLE_RULE', `Rule '${form.rule.id}' can never serve: ${clashText(clash)}.`));
    else if (cover) issues.push(issue(form.at, 'SHADOWED_RULE', shadowMessage(form, cover)));
    if (clash || cover) {
      dead.add(form.index);
      continue;
    }
    if (form.scheduled) continue;
    shadowing.push(form);
    if (form.serving.length === 0) everyone = form;
  }
  return { issues, dead };
}
