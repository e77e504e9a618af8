// Conditions compiled twice over: into program code (program.ts) for evaluation, and into
// closures that explain themselves, recording every clause they evaluate, for traces. Children
// of all/any run cheapest first: clauses are pure and never throw, so the order changes the
// cost, never the result.

import { issue, pointer, type Issue, type PathSegment } from '../issues.ts';
import { parseOperand } from '../operands.ts';
import { specOf } from '../operators.ts';
import { child, readerFor, type AttributeReader } from '../attributes.ts';
import type { ClauseTrace, SegmentTrace } from '../evaluation.ts';
import { REDACTED } from '../evaluation.ts';
import type { Clause, Condition, Context } from '../schema.ts';
import { matcherFor, type Matcher } from './matchers.ts';
import { callNode, inlineClause, type ProgramNode, type Test } from './program.ts';

export type { Test } from './program.ts';
export type TraceSink = (ClauseTrace | SegmentTrace)[];
export type Explain = (context: Context, now: number, out: TraceSink) => boolean;

export type CompiledCondition = {
  readonly cost: number;
  readonly explain: Explain;
  /** The condition's shape for the program; flattened once, then dropped. */
  readonly program: ProgramNode;
};

/** A segment compiled once for every flag that names it: called from programs by its test. */
export type CompiledSegment = { readonly cost: number; readonly explain: Explain; readonly test: Test };

/** A compiled value, or every error found compiling it, each with its path. */
export type Compiled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly Issue[] };

export const compiled = <T>(value: T): Compiled<T> => ({ ok: true, value });
export const refused = (errors: readonly Issue[]): { readonly ok: false; readonly errors: readonly Issue[] } => ({ ok: false, errors });

/** The values of every result, or the errors of all that failed (not only the first). */
export function allOf<T>(results: readonly Compiled<T>[]): Compiled<T[]> {
  const errors = results.flatMap((r) => (r.ok ? [] : r.errors));
  return errors.length > 0 ? refused(errors) : compiled(results.flatMap((r) => (r.ok ? [r.value] : [])));
}

/**
 * Where compiled segments come from. A segment that cannot be compiled answers the issues to
 * report at the reference, with their codes and messages (the reference's path is added here).
 */
export type SegmentResolver = (key: string) => Compiled<CompiledSegment>;

export type ConditionCompileScope = {
  readonly resolveSegment: SegmentResolver;
  readonly isPrivate: (attr: string) => boolean;
  /** Set when compiling a segment's condition, so traces say where a clause lives. */
  readonly segment?: string;
  /** False to build only the program; a flag builds its explaining closures on its first trace. */
  readonly explain?: boolean;
};

/** The explanation of a condition compiled without one: never called (see flag.ts). */
const UNEXPLAINED: Explain = () => {
  throw new Error('compiled without an explanation');
};


// PERFORMANCE NOTE: the closures a compiled condition keeps are made by the small functions
// below, so that their contexts hold only what evaluation reads. Made inside compileClause or
// compileGroup, they would share those functions' contexts and keep the compile-time scope (the
// whole compilation, its maps, every path array) alive for as long as the flag: a third of the
// heap of 10,000 compiled flags, and cache misses for every evaluation of a thousand flags.

/** How a clause reads its attribute: a path without dots inline, sparing a reader closure. */
function readerOf(attr: string | undefined): AttributeReader | string | undefined {
  return attr === undefined || !attr.includes('.') ? attr : readerFor(attr);
}

function clauseTest(match: Matcher, read: AttributeReader | string | undefined): Test {
  if (read === undefined) return (_c, now) => match(undefined, now);
  if (typeof read === 'string') return (c, now) => match(child(c, read), now);
  return (c, now) => match(read(c), now);
}

type ClauseShape = { readonly path: string; readonly segment: string | undefined; readonly attr: string | undefined; readonly op: string; readonly operand: unknown; readonly redact: boolean };

function clauseExplain(match: Matcher, read: AttributeReader | string | undefined, shape: ClauseShape): CompiledCondition['explain'] {
  const { path, segment, attr, op, operand, redact } = shape;
  return (context, now, out) => {
    const seen = read === undefined ? undefined : typeof read === 'string' ? child(context, read) : read(context);
    const result = match(seen, now);
    const entry: ClauseTrace = {
      kind: 'clause',
      path,
      ...(segment ? { segment } : {}),
      ...(attr === undefined ? {} : { attr, seen: redact && seen !== undefined ? REDACTED : seen }),
      op,
      ...(operand === undefined ? {} : { operand }),
      result,
    };
    out.push(entry);
    return result;
  };
}

function compileClause(clause: Clause, at: readonly PathSegment[], scope: ConditionCompileScope): Compiled<CompiledCondition> {
  const parsed = parseOperand(clause.op, clause.value, clause.caseInsensitive ?? false, [...at, 'value']);
  if (!parsed.ok) return refused(parsed.issues);
  const match = matcherFor(clause.op, parsed.operand, clause.caseInsensitive ?? false);
  const read = readerOf(clause.attr);
  const code = inlineClause(clause.op, parsed.operand, clause.caseInsensitive ?? false, clause.attr);
  const program: ProgramNode = code ? { kind: 'code', code } : callNode(clauseTest(match, read));
  if (scope.explain === false) return compiled({ cost: specOf(clause.op).cost, explain: UNEXPLAINED, program });
  const shape: ClauseShape = {
    path: pointer(at),
    segment: scope.segment,
    attr: clause.attr,
    op: clause.op,
    operand: clause.value,
    redact: clause.attr !== undefined && scope.isPrivate(clause.attr),
  };
  return compiled({ cost: specOf(clause.op).cost, explain: clauseExplain(match, read, shape), program });
}

function groupExplain(all: boolean, nodes: readonly CompiledCondition[]): CompiledCondition['explain'] {
  return (context, now, out) => {
    for (const node of nodes) if (node.explain(context, now, out) !== all) return !all;
    return all;
  };
}

function compileGroup(kind: 'all' | 'any', children: readonly Condition[], at: readonly PathSegment[], scope: ConditionCompileScope): Compiled<CompiledCondition> {
  const results = allOf(children.map((c, i) => compileNode(c, [...at, kind, i], scope)));
  if (!results.ok) return results;
  const nodes = results.value.sort((a, b) => a.cost - b.cost);
  const cost = nodes.reduce((sum, n) => sum + n.cost, 0.5);
  const all = kind === 'all';
  return compiled({ cost, explain: scope.explain === false ? UNEXPLAINED : groupExplain(all, nodes), program: { kind, children: nodes.map((n) => n.program) } });
}

function negation(inner: CompiledCondition): CompiledCondition {
  const explain = inner.explain;
  return { cost: inner.cost + 0.1, explain: (c, n, out) => !explain(c, n, out), program: { kind: 'not', inner: inner.program } };
}

function compileNode(condition: Condition, at: readonly PathSegment[], scope: ConditionCompileScope): Compiled<CompiledCondition> {
  if ('all' in condition) return compileGroup('all', condition.all, at, scope);
  if ('any' in condition) return compileGroup('any', condition.any, at, scope);
  if ('not' in condition) {
    const inner = compileNode(condition.not, [...at, 'not'], scope);
    return inner.ok ? compiled(negation(inner.value)) : inner;
  }
  if ('segment' in condition) {
    const resolved = scope.resolveSegment(condition.segment);
    if (!resolved.ok) return refused(resolved.errors.map((e) => issue([...at, 'segment'], e.code, e.message)));
    const segment = resolved.value;
    if (scope.explain === false) return compiled({ cost: segment.cost, program: callNode(segment.test), explain: UNEXPLAINED });
    const path = pointer(at);
    return compiled({
      cost: segment.cost,
      program: callNode(segment.test),
      explain: (context, now, out) => {
        const entry = { kind: 'segment', path, segment: condition.segment, result: false } satisfies SegmentTrace;
        out.push(entry);
        const at = out.length;
        const result = segment.explain(context, now, out);
        out[at - 1] = { ...entry, result };
        // Segments compile once for every flag, so the flag's private attributes are redacted here.
        for (let i = at; i < out.length; i++) {
          const step = out[i]!;
          if (step.kind === 'clause' && step.attr !== undefined && step.seen !== undefined && scope.isPrivate(step.attr)) out[i] = { ...step, seen: REDACTED };
        }
        return result;
      },
    });
  }
  return compileClause(condition, at, scope);
}

/** Compiles a condition, or returns every error in it with its path. */
export function compileCondition(condition: Condition, at: readonly PathSegment[], scope: ConditionCompileScope): Compiled<CompiledCondition> {
  return compileNode(condition, at, scope);
}
