// Conditions compiled to closures. Children of all/any run cheapest first: clauses are pure and
// never throw, so the order changes the cost, never the result. Each node can also explain
// itself, recording every clause it evaluated, for traces.

import { pointer, type PathSegment } from '../issues.ts';
import { parseOperand } from '../operands.ts';
import { specOf } from '../operators.ts';
import { readerFor } from '../attributes.ts';
import type { ClauseTrace, SegmentTrace } from '../evaluation.ts';
import { REDACTED } from '../evaluation.ts';
import type { Clause, Condition, Context } from '../schema.ts';
import { matcherFor } from './matchers.ts';

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

function compileClause(clause: Clause, at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  const parsed = parseOperand(clause.op, clause.value, clause.caseInsensitive ?? false, [...at, 'value']);
  if (!parsed.ok) throw new CompileError(parsed.issues[0]!.path, parsed.issues[0]!.message);
  const match = matcherFor(clause.op, parsed.operand, clause.caseInsensitive ?? false);
  const read = clause.attr === undefined ? () => undefined : readerFor(clause.attr);
  const path = pointer(at);
  const redact = clause.attr !== undefined && scope.isPrivate(clause.attr);
  const test: Test = clause.attr === undefined ? (_c, now) => match(undefined, now) : (c, now) => match(read(c), now);
  return {
    test,
    cost: specOf(clause.op).cost,
    explain: (context, now, out) => {
      const seen = read(context);
      const result = match(seen, now);
      const entry: ClauseTrace = {
        kind: 'clause',
        path,
        ...(scope.segment ? { segment: scope.segment } : {}),
        ...(clause.attr === undefined ? {} : { attr: clause.attr, seen: redact && seen !== undefined ? REDACTED : seen }),
        op: clause.op,
        ...(clause.value === undefined ? {} : { operand: clause.value }),
        result,
      };
      out.push(entry);
      return result;
    },
  };
}

function compileGroup(kind: 'all' | 'any', children: readonly Condition[], at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  const nodes = children.map((c, i) => compileNode(c, [...at, kind, i], scope)).sort((a, b) => a.cost - b.cost);
  const tests = nodes.map((n) => n.test);
  const cost = nodes.reduce((sum, n) => sum + n.cost, 0.5);
  const all = kind === 'all';
  let test: Test;
  // PERFORMANCE NOTE: small groups get unrolled closures; loops over arrays cost more in V8.
  if (tests.length === 1) test = tests[0]!;
  else if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    test = all ? (c, n) => a(c, n) && b(c, n) : (c, n) => a(c, n) || b(c, n);
  } else if (tests.length === 3) {
    const [a, b, d] = tests as [Test, Test, Test];
    test = all ? (c, n) => a(c, n) && b(c, n) && d(c, n) : (c, n) => a(c, n) || b(c, n) || d(c, n);
  } else if (all) {
    test = (c, n) => {
      for (const t of tests) if (!t(c, n)) return false;
      return true;
    };
  } else {
    test = (c, n) => {
      for (const t of tests) if (t(c, n)) return true;
      return false;
    };
  }
  return {
    test,
    cost,
    explain: (context, now, out) => {
      for (const node of nodes) if (node.explain(context, now, out) !== all) return !all;
      return all;
    },
  };
}

function compileNode(condition: Condition, at: readonly PathSegment[], scope: ConditionCompileScope): CompiledCondition {
  if ('all' in condition) return compileGroup('all', condition.all, at, scope);
  if ('any' in condition) return compileGroup('any', condition.any, at, scope);
  if ('not' in condition) {
    const inner = compileNode(condition.not, [...at, 'not'], scope);
    const innerTest = inner.test;
    return { test: (c, n) => !innerTest(c, n), cost: inner.cost + 0.1, explain: (c, n, out) => !inner.explain(c, n, out) };
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
