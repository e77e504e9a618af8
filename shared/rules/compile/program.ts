// Flags compiled to one flat program each: an array of three-slot instructions run by a single
// loop. PERFORMANCE NOTE: evaluating a thousand flags for one user is bound by the memory each
// evaluation touches, not by arithmetic (the same evaluations over ten distinct flags run four
// times faster). A tree of closures touches two objects (function and context) per clause and
// per group; a program touches the flag's one array. Clauses the program cannot express inline
// (dotted paths, folded case, dates, regexes, geo...) call their compiled test.

import type { SemVer } from 'semver';
import type { Evaluation } from '../evaluation.ts';
import type { ParsedOperand } from '../operands.ts';
import type { Operator } from '../operators.ts';
import type { Context } from '../schema.ts';
import { toNumber } from '../values.ts';
import { numberOf, semverOrder } from './matchers.ts';
import type { Serve } from './serve.ts';

export type Test = (context: Context, now: number) => boolean;

export const OP = {
  IS: 0, NUMBER_IS: 1, IN_LIST: 2, IN_SET: 3, GT: 4, GTE: 5, LT: 6, LTE: 7,
  SEMVER: 8, STARTS: 9, ENDS: 10, INCLUDES: 11, EXISTS: 12, CALL: 13, CONST: 14, NOT: 15,
  JUMP_IF_FALSE: 16, JUMP_IF_TRUE: 17, WINDOW: 18, RETURN: 19, SERVE: 20, END: 21,
} as const;

export type Instruction = readonly [op: number, a: unknown, b: unknown];

/** The shape of a compiled condition, flattened into a program once the flag is built. */
export type ProgramNode =
  | { readonly kind: 'code'; readonly code: readonly Instruction[] }
  | { readonly kind: 'all' | 'any'; readonly children: readonly ProgramNode[] }
  | { readonly kind: 'not'; readonly inner: ProgramNode };

/** Small lists are scanned: lighter in memory than a Set, and as fast for a few values. */
const SCAN_LIMIT = 8;

/** Names a JSON object's (or an array's) prototype could answer for: those keep the generic reader's own-property check. */
function inheritable(attr: string): boolean {
  return attr in Object.prototype || attr in Array.prototype || attr === '__proto__';
}

const SEMVER_TESTS: Partial<Record<Operator, number>> = { semver_eq: 0, semver_gt: 1, semver_gte: 2, semver_lt: 3, semver_lte: 4 };

function positive(op: Operator, operand: ParsedOperand, attr: string): Instruction | undefined {
  switch (operand.kind) {
    case 'scalar':
      return typeof operand.value === 'number' ? [OP.NUMBER_IS, attr, operand.value] : [OP.IS, attr, operand.value];
    case 'scalarList': {
      if (op !== 'in' || !operand.values.every((v) => typeof v === 'string')) return undefined;
      const values = operand.values as readonly string[];
      return values.length <= SCAN_LIMIT ? [OP.IN_LIST, attr, values] : [OP.IN_SET, attr, new Set(values)];
    }
    case 'number':
      return [op === 'gt' ? OP.GT : op === 'gte' ? OP.GTE : op === 'lt' ? OP.LT : OP.LTE, attr, operand.value];
    case 'semver':
      return [OP.SEMVER, attr, [SEMVER_TESTS[op]!, operand.version]];
    case 'string':
      return [op === 'starts_with' ? OP.STARTS : op === 'ends_with' ? OP.ENDS : OP.INCLUDES, attr, operand.value];
    case 'none':
      return [OP.EXISTS, attr, null];
    default:
      return undefined;
  }
}

const TWINS: Partial<Record<Operator, Operator>> = { neq: 'eq', not_in: 'in', not_contains: 'contains', not_exists: 'exists' };

/** The inline code of a clause, or undefined when it must call its compiled test. */
export function inlineClause(op: Operator, operand: ParsedOperand, caseInsensitive: boolean, attr: string | undefined): Instruction[] | undefined {
  // Dotted paths read nested objects with a flat-key fallback; folded case allocates anyway.
  if (attr === undefined || attr.includes('.') || inheritable(attr) || caseInsensitive) return undefined;
  const twin = TWINS[op];
  const instruction = positive(twin ?? op, operand, attr);
  if (!instruction) return undefined;
  return twin ? [instruction, [OP.NOT, null, null]] : [instruction];
}

export function callNode(test: Test): ProgramNode {
  return { kind: 'code', code: [[OP.CALL, test, null]] };
}

/** Appends a node's code; jumps are patched to the end of their group. */
function emit(node: ProgramNode, out: unknown[]): void {
  if (node.kind === 'code') {
    for (const instruction of node.code) out.push(...instruction);
    return;
  }
  if (node.kind === 'not') {
    emit(node.inner, out);
    out.push(OP.NOT, null, null);
    return;
  }
  const all = node.kind === 'all';
  if (node.children.length === 0) {
    out.push(OP.CONST, all, null);
    return;
  }
  const jumps: number[] = [];
  node.children.forEach((child, i) => {
    emit(child, out);
    if (i < node.children.length - 1) {
      jumps.push(out.length + 1);
      out.push(all ? OP.JUMP_IF_FALSE : OP.JUMP_IF_TRUE, -1, null);
    }
  });
  for (const at of jumps) out[at] = out.length;
}

/** A condition as its own program (segments), answering a boolean. */
export function conditionProgram(node: ProgramNode): unknown[] {
  const out: unknown[] = [];
  emit(node, out);
  out.push(OP.END, null, null);
  return out;
}

export type ProgramRule = { readonly node: ProgramNode | null; readonly window: { readonly from: number; readonly until: number } | null; readonly constant: Evaluation | null; readonly serve: Serve };

/** A flag's rules and fallthrough as one program, answering an Evaluation. */
export function flagProgram(rules: readonly ProgramRule[], fallthrough: Evaluation): unknown[] {
  const out: unknown[] = [];
  for (const rule of rules) {
    const skips: number[] = [];
    if (rule.window) {
      out.push(OP.WINDOW, rule.window.from, rule.window.until);
      skips.push(out.length + 1);
      out.push(OP.JUMP_IF_FALSE, -1, null);
    }
    if (rule.node) {
      emit(rule.node, out);
      skips.push(out.length + 1);
      out.push(OP.JUMP_IF_FALSE, -1, null);
    }
    if (rule.constant) out.push(OP.RETURN, rule.constant, null);
    else out.push(OP.SERVE, rule.serve, null);
    for (const at of skips) out[at] = out.length;
  }
  out.push(OP.END, fallthrough, null);
  return out;
}

/** The last context found plain: the flags of one request share their context. */
let lastPlain: Context | undefined;

/**
 * Inline reads (`ctx[name]`) see only own properties of a plain object, as the generic reader
 * does; any other context is read through a plain copy of its own properties.
 */
function plain(c: Context): Record<string, unknown> {
  if (c === lastPlain) return c as Record<string, unknown>;
  const proto: unknown = Object.getPrototypeOf(c);
  if (proto !== Object.prototype && proto !== null) return { ...c };
  lastPlain = c;
  return c as Record<string, unknown>;
}

function semverHolds(v: unknown, spec: readonly [number, SemVer]): boolean {
  const order = semverOrder(v, spec[1]);
  switch (spec[0]) {
    case 0: return order === 0;
    case 1: return order > 0;
    case 2: return order >= 0;
    case 3: return order < 0;
    default: return order <= 0;
  }
}

/**
 * Runs a program: a flag's answers its Evaluation (END carries the fallthrough), a condition's
 * its boolean (END carries null). Clauses are pure, so the order the compiler chose (cheapest
 * first) changes the cost, never the answer.
 */
export function execute(p: readonly unknown[], c: Context, now: number): Evaluation | boolean {
  const ctx = plain(c);
  let r = false;
  let pc = 0;
  for (;;) {
    const a = p[pc + 1];
    const b = p[pc + 2];
    switch (p[pc] as number) {
      case OP.IS:
        r = ctx[a as string] === b;
        break;
      case OP.NUMBER_IS: {
        const v = ctx[a as string];
        r = typeof v === 'number' ? v === b : toNumber(v) === b;
        break;
      }
      case OP.IN_LIST: {
        const v = ctx[a as string];
        r = typeof v === 'string' && (b as readonly string[]).includes(v);
        break;
      }
      case OP.IN_SET: {
        const v = ctx[a as string];
        r = typeof v === 'string' && (b as ReadonlySet<string>).has(v);
        break;
      }
      case OP.GT:
        r = numberOf(ctx[a as string]) > (b as number);
        break;
      case OP.GTE:
        r = numberOf(ctx[a as string]) >= (b as number);
        break;
      case OP.LT:
        r = numberOf(ctx[a as string]) < (b as number);
        break;
      case OP.LTE:
        r = numberOf(ctx[a as string]) <= (b as number);
        break;
      case OP.SEMVER:
        r = semverHolds(ctx[a as string], b as readonly [number, SemVer]);
        break;
      case OP.STARTS: {
        const v = ctx[a as string];
        r = typeof v === 'string' && v.startsWith(b as string);
        break;
      }
      case OP.ENDS: {
        const v = ctx[a as string];
        r = typeof v === 'string' && v.endsWith(b as string);
        break;
      }
      case OP.INCLUDES: {
        const v = ctx[a as string];
        r = typeof v === 'string' && v.includes(b as string);
        break;
      }
      case OP.EXISTS: {
        const v = ctx[a as string];
        r = v !== undefined && v !== null;
        break;
      }
      case OP.CALL:
        r = (a as Test)(c, now);
        break;
      case OP.CONST:
        r = a as boolean;
        break;
      case OP.NOT:
        r = !r;
        break;
      case OP.JUMP_IF_FALSE:
        if (!r) {
          pc = a as number;
          continue;
        }
        break;
      case OP.JUMP_IF_TRUE:
        if (r) {
          pc = a as number;
          continue;
        }
        break;
      case OP.WINDOW:
        r = now >= (a as number) && now < (b as number);
        break;
      case OP.RETURN:
        return a as Evaluation;
      case OP.SERVE: {
        const served = (a as Serve)(c, null);
        if (served !== null) return served;
        break;
      }
      default:
        return a === null ? r : (a as Evaluation);
    }
    pc += 3;
  }
}
