// A condition as the analysis sees it: `not` pushed down to the clauses, nested `all` groups
// flattened, known segments inlined, so a rule is a conjunction of literals and `any` groups.

import type { PathSegment } from '../issues.ts';
import { specOf } from '../operators.ts';
import type { Clause, Condition, Segment } from '../schema.ts';
import { clauseText } from './describe.ts';
import { shapeOf, type Shape } from './shapes.ts';

/** A clause, or an unknown segment, that holds or (`negated`) fails. */
export type Literal = {
  readonly kind: 'literal';
  /** `undefined` for clauses without an attribute and for segments. */
  readonly attr: string | undefined;
  /** Equal keys name the same positive clause, which accepts the same values. */
  readonly key: string;
  /** What the positive clause accepts. */
  readonly shape: Shape;
  /** The positive clause (a negated operator replaced by its twin); absent for a segment. */
  readonly clause?: Clause;
  readonly negated: boolean;
  /** Where it is written in the flag (the segment reference for an inlined segment). */
  readonly path: readonly PathSegment[];
  readonly text: string;
};

/** Users matching at least one branch. */
export type Disjunction = { readonly kind: 'any'; readonly branches: readonly Conjunction[]; readonly path: readonly PathSegment[] };

export type Term = Literal | Disjunction;

/** Users matching every term; no terms match everyone. */
export type Conjunction = { readonly terms: readonly Term[]; readonly path: readonly PathSegment[] };

type Scope = {
  readonly segments: Readonly<Record<string, Segment>>;
  /** Segments being inlined, outermost first, so a cycle stays a plain reference. */
  readonly stack: readonly string[];
  /** The outermost inlined segment's reference in the flag. */
  readonly via?: { readonly key: string; readonly path: readonly PathSegment[] };
};

function clauseLiteral(clause: Clause, at: readonly PathSegment[], scope: Scope, notted: boolean): Literal {
  const twin = specOf(clause.op).negates;
  const ci = clause.caseInsensitive ?? false;
  const positive: Clause = { ...clause, op: twin ?? clause.op };
  const written = notted ? `not (${clauseText(clause)})` : clauseText(clause);
  return {
    kind: 'literal',
    attr: clause.attr,
    key: JSON.stringify([clause.attr ?? null, positive.op, clause.value ?? null, ci]),
    shape: shapeOf(positive.op, clause.value, ci),
    clause: positive,
    negated: notted !== (twin !== undefined),
    path: scope.via?.path ?? at,
    text: scope.via ? `${written} (in segment '${scope.via.key}')` : written,
  };
}

function segmentLiteral(key: string, at: readonly PathSegment[], scope: Scope, notted: boolean): Literal {
  return {
    kind: 'literal',
    attr: undefined,
    key: `segment:${key}`,
    shape: { kind: 'opaque', kinds: ['string', 'number', 'boolean', 'array', 'object'] },
    negated: notted,
    path: scope.via?.path ?? at,
    text: `${notted ? 'not in' : 'in'} segment '${key}'`,
  };
}

function termsOf(condition: Condition, at: readonly PathSegment[], scope: Scope, notted: boolean): Term[] {
  if ('not' in condition) return termsOf(condition.not, [...at, 'not'], scope, !notted);
  if ('all' in condition || 'any' in condition) {
    const [group, children] = 'all' in condition ? (['all', condition.all] as const) : (['any', condition.any] as const);
    // `all`, and `not any` by De Morgan, are conjunctions: their members join the enclosing one.
    if ((group === 'all') !== notted) return children.flatMap((child, i) => termsOf(child, [...at, group, i], scope, notted));
    const branches = children.map((child, i) => conjunctionOf(child, [...at, group, i], scope, notted));
    return branches.length === 1 ? [...branches[0]!.terms] : [{ kind: 'any', branches, path: scope.via?.path ?? at }];
  }
  if ('segment' in condition) {
    const key = condition.segment;
    const segment = Object.hasOwn(scope.segments, key) ? scope.segments[key] : undefined;
    if (!segment || scope.stack.includes(key)) return [segmentLiteral(key, at, scope, notted)];
    const inner: Scope = { segments: scope.segments, stack: [...scope.stack, key], via: scope.via ?? { key, path: at } };
    return termsOf(segment.when, ['when'], inner, notted);
  }
  return [clauseLiteral(condition, at, scope, notted)];
}

function conjunctionOf(condition: Condition, at: readonly PathSegment[], scope: Scope, notted: boolean): Conjunction {
  return { terms: termsOf(condition, at, scope, notted), path: scope.via?.path ?? at };
}

/** The normal form of a condition written at `at`; segments resolve through `segments`. */
export function normalize(condition: Condition | undefined, at: readonly PathSegment[], segments: Readonly<Record<string, Segment>> = {}): Conjunction {
  return condition === undefined ? { terms: [], path: at } : conjunctionOf(condition, at, { segments, stack: [] }, false);
}

/** The literals among a conjunction's terms. */
export function literalsOf(terms: readonly Term[]): Literal[] {
  return terms.filter((t): t is Literal => t.kind === 'literal');
}
