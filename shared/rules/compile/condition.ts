// Conditions compiled to closures. Children of all/any run cheapest first: clauses are pure and
// never throw, so the order changes the cost, never the result. Each node can also explain
// itself, recording every clause it evaluated, for traces.

import { pointer, type PathSegment } from '../issues.ts';
import { parseOperand } from '../operands.ts';
import { specOf } from '../operators.ts';
import { child, readerFor, type AttributeReader } from '../attributes.ts';
import type { ClauseTrace, SegmentTrace } from '../evaluation.ts';
import { REDACTED } from '../evaluation.ts';
import type { Clause, Condition, Context } from '../schema.ts';
import { matcherFor, type Matcher } from './matchers.ts';

export type Test = (context: Context, now: number) => boolean;
export type TraceSink = (ClauseTrace | SegmentTrace)[];

export type CompiledCondition = {
  readonly test: Test;
  readonly cost: number;
  readonly explain: (context: Context, now: number, out: TraceSink) => boolean;
};

/** Where compiled segments come from; resolving one may fail with a message. */
export type SegmentResolver = (key: string) => CompiledCondition | string;

export type ConditionCompileScope = {
  readonly resolveSegment: SegmentResolver;
  readonly isPrivate: (attr: string) => boolean;
  /** Set when compiling a segment's condition, so traces say where a clause lives. */
  readonly segment?: string;
};

/** A segment or prerequisite that cannot be compiled; compileFlag turns it into an issue. */
export class CompileError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

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

function compileClause(clause: Clause, at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  const parsed = parseOperand(clause.op, clause.value, clause.caseInsensitive ?? false, [...at, 'value']);
  if (!parsed.ok) throw new CompileError(parsed.issues[0]!.path, parsed.issues[0]!.message);
  const match = matcherFor(clause.op, parsed.operand, clause.caseInsensitive ?? false);
  const read = readerOf(clause.attr);
  const shape: ClauseShape = {
    path: pointer(at),
    segment: scope.segment,
    attr: clause.attr,
    op: clause.op,
    operand: clause.value,
    redact: clause.attr !== undefined && scope.isPrivate(clause.attr),
  };
  return { test: clauseTest(match, read), cost: specOf(clause.op).cost, explain: clauseExplain(match, read, shape) };
}

function groupTest(all: boolean, tests: readonly Test[]): Test {
  // PERFORMANCE NOTE: small groups get unrolled closures; loops over arrays cost more in V8.
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return all ? (c, n) => a(c, n) && b(c, n) : (c, n) => a(c, n) || b(c, n);
  }
  if (tests.length === 3) {
    const [a, b, d] = tests as [Test, Test, Test];
    return all ? (c, n) => a(c, n) && b(c, n) && d(c, n) : (c, n) => a(c, n) || b(c, n) || d(c, n);
  }
  if (all) {
    return (c, n) => {
      for (const t of tests) if (!t(c, n)) return false;
      return true;
    };
  }
  return (c, n) => {
    for (const t of tests) if (t(c, n)) return true;
    return false;
  };
}

function groupExplain(all: boolean, nodes: readonly CompiledCondition[]): CompiledCondition['explain'] {
  return (context, now, out) => {
    for (const node of nodes) if (node.explain(context, now, out) !== all) return !all;
    return all;
  };
}

function compileGroup(kind: 'all' | 'any', children: readonly Condition[], at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  const nodes = children.map((c, i) => compileNode(c, [...at, kind, i], scope)).sort((a, b) => a.cost - b.cost);
  const cost = nodes.reduce((sum, n) => sum + n.cost, 0.5);
  const all = kind === 'all';
  return { test: groupTest(all, nodes.map((n) => n.test)), cost, explain: groupExplain(all, nodes) };
}

function negation(inner: CompiledCondition): CompiledCondition {
  const innerTest = inner.test;
  return { test: (c, n) => !innerTest(c, n), cost: inner.cost + 0.1, explain: (c, n, out) => !inner.explain(c, n, out) };
}

function compileNode(condition: Condition, at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  if ('all' in condition) return compileGroup('all', condition.all, at, scope);
  if ('any' in condition) return compileGroup('any', condition.any, at, scope);
  if ('not' in condition) {
    return negation(compileNode(condition.not, [...at, 'not'], scope));
  }
  if ('segment' in condition) {
    const segment = scope.resolveSegment(condition.segment);
    if (typeof segment === 'string') throw new CompileError(pointer([...at, 'segment']), segment);
    const path = pointer(at);
    return {
      test: segment.test,
      cost: segment.cost,
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
    };
  }
  return compileClause(condition, at, scope);
}

export function compileCondition(condition: Condition, at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  return compileNode(condition, at, scope);
}
