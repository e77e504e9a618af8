// Reasoning over normal forms: when one literal implies or excludes another, when a conjunction
// implies another (shadowing) and when it can never hold (contradiction). Answers are certain or
// withheld; each search runs on a budget so the worst flags stay cheap.

import type { Atom } from './atoms.ts';
import { compareNumbers, intersect } from './intervals.ts';
import { literalsOf, type Disjunction, type Literal, type Term } from './normalize.ts';
import { isEmptyShape, shapesApart, shapeWithin } from './relations.ts';
import type { Shape } from './shapes.ts';

/** Steps a search may still take; when it runs out the search answers "not known". */
export type Budget = { left: number };

export const aBudget = (steps = 200): Budget => ({ left: steps });

const positiveWithin = (a: Literal, b: Literal) => a.key === b.key || shapeWithin(a.shape, b.shape);

/** Every value satisfying `a` satisfies `b` (both on the same attribute). */
export function literalWithin(a: Literal, b: Literal): boolean {
  if (a.attr !== b.attr) return false;
  if (a.negated && b.negated) return positiveWithin(b, a);
  if (!a.negated && !b.negated) return positiveWithin(a, b);
  // A positive clause fails whenever a clause it shares no value with holds; a negated one is never implied by a positive.
  return !a.negated && shapesApart(a.shape, b.shape);
}

/** No value satisfies both. */
export function literalsClash(a: Literal, b: Literal): boolean {
  if (a.attr !== b.attr || (a.negated && b.negated)) return false;
  if (!a.negated && !b.negated) return shapesApart(a.shape, b.shape);
  const [negative, positive] = a.negated ? [a, b] : [b, a];
  return positiveWithin(positive, negative);
}

/** Literals known from a conjunction, plus, per attribute, its numeric clauses' combined interval. */
function factsOf(terms: readonly Term[]): Literal[] {
  const literals = literalsOf(terms);
  const combined = new Map<string, Literal>();
  for (const l of literals) {
    if (l.negated || l.shape.kind !== 'number' || l.attr === undefined) continue;
    const seen = combined.get(l.attr);
    const shape: Shape = seen?.shape.kind === 'number' ? { kind: 'number', range: intersect(seen.shape.range, l.shape.range, compareNumbers) } : l.shape;
    combined.set(l.attr, { ...l, key: `combined:${l.attr}`, shape });
  }
  return [...literals, ...combined.values()];
}

function termFollows(facts: readonly Literal[], term: Term): boolean {
  if (term.kind === 'literal') return facts.some((f) => literalWithin(f, term));
  return term.branches.some((b) => b.terms.every((t) => termFollows(facts, t)));
}

/** Every user matching all of `later` matches all of `earlier`, splitting `later`'s `any` groups into cases. */
export function implies(later: readonly Term[], earlier: readonly Term[], budget: Budget): boolean {
  if (budget.left-- <= 0) return false;
  const facts = factsOf(later);
  if (earlier.every((t) => termFollows(facts, t))) return true;
  const split = later.findIndex((t) => t.kind === 'any');
  if (split < 0) return false;
  const rest = later.filter((_, i) => i !== split);
  return (later[split] as Disjunction).branches.every((b) => implies([...rest, ...b.terms], earlier, budget));
}

/** Why a conjunction can never hold. */
export type Clash =
  | { readonly kind: 'never'; readonly literal: Literal }
  | { readonly kind: 'pair'; readonly a: Literal; readonly b: Literal }
  | { readonly kind: 'values'; readonly attr: string; readonly literals: readonly Literal[] }
  | { readonly kind: 'branches'; readonly group: Disjunction };

/** The values of a set clause that every other literal on the attribute lets through. */
function survivingAtoms(set: Literal, others: readonly Literal[]): Atom[] {
  const atoms = set.shape.kind === 'values' ? set.shape.atoms : [];
  return atoms.filter((atom) => {
    const single: Shape = { kind: 'values', atoms: [atom] };
    // An atom is ruled out by a clause it shares no value with, or by the negation of one containing it.
    return others.every((o) => (o.negated ? !shapeWithin(single, o.shape) : !shapesApart(single, o.shape)));
  });
}

function valuesClash(literals: readonly Literal[]): Clash | undefined {
  for (const set of literals) {
    if (set.negated || set.shape.kind !== 'values' || set.attr === undefined) continue;
    const others = literals.filter((l) => l !== set && l.attr === set.attr);
    if (survivingAtoms(set, others).length === 0) return { kind: 'values', attr: set.attr, literals: [set, ...others] };
  }
  return undefined;
}

/** Why no value satisfies all of some literals together, looking at the literals alone. */
export function literalClashOf(literals: readonly Literal[]): Clash | undefined {
  const never = literals.find((l) => !l.negated && isEmptyShape(l.shape));
  if (never) return { kind: 'never', literal: never };
  for (const [i, a] of literals.entries()) {
    const b = literals.slice(i + 1).find((other) => literalsClash(a, other));
    if (b) return { kind: 'pair', a, b };
  }
  return valuesClash(literals);
}

/** Why no user can match every term, or undefined when that is not certain. */
export function clashOf(terms: readonly Term[], budget: Budget): Clash | undefined {
  if (budget.left-- <= 0) return undefined;
  const clash = literalClashOf(literalsOf(terms));
  if (clash) return clash;
  for (const [i, group] of terms.entries()) {
    if (group.kind !== 'any') continue;
    const rest = terms.filter((_, j) => j !== i);
    if (group.branches.every((b) => clashOf([...rest, ...b.terms], budget) !== undefined)) return { kind: 'branches', group };
  }
  return undefined;
}
