// Flags compiled to one flat program each: an array of instructions (an opcode and its operands,
// lists inline) run by a single loop (run.ts). PERFORMANCE NOTE: evaluating a thousand flags for one user is bound by the memory each
// evaluation touches, not by arithmetic (the same evaluations over ten distinct flags run four
// times faster). A tree of closures touches two objects (function and context) per clause and
// per group; a program touches the flag's one array. Clauses the program cannot express inline
// (dotted paths, folded case, dates, regexes, geo...) call their compiled test.

import type { SemVer } from 'semver';
import type { Evaluation, UnitMissing } from '../evaluation.ts';
import type { ParsedOperand } from '../operands.ts';
import { specOf, type Operator, type Order, type SpecOf, type TextTest } from '../operators.ts';
import type { Context } from '../schema.ts';
import { unreachable } from '../unreachable.ts';
import type { Scalar } from '../values.ts';
import type { Serve } from './serve.ts';

export type Test = (context: Context, now: number) => boolean;

export const OP = {
  IS: 0, NUMBER_IS: 1, IN_LIST: 2, IN_SET: 3, GT: 4, GTE: 5, LT: 6, LTE: 7,
  SEMVER: 8, STARTS: 9, ENDS: 10, INCLUDES: 11, EXISTS: 12, CALL: 13, CONST: 14, NOT: 15,
  JUMP_IF_FALSE: 16, JUMP_IF_TRUE: 17, WINDOW: 18, RETURN: 19, SERVE: 20, END: 21,
} as const;

type Attr = string;
type Jump = typeof OP.JUMP_IF_FALSE | typeof OP.JUMP_IF_TRUE;

/**
 * An opcode and its operands as they lie in the program: `[OP.GT, "age", 18]`,
 * `[OP.IN_LIST, "country", 2, "DE", "FR"]`, `[OP.NOT]`. Every instruction the compiler emits is
 * checked against this list; `execute` reads each opcode's operands at the offsets given here.
 */
export type Instruction =
  | readonly [typeof OP.IS, Attr, Scalar]
  | readonly [typeof OP.NUMBER_IS, Attr, number]
  | readonly [typeof OP.IN_LIST, Attr, number, ...string[]]
  | readonly [typeof OP.IN_SET, Attr, ReadonlySet<string>]
  | readonly [typeof OP.GT | typeof OP.GTE | typeof OP.LT | typeof OP.LTE, Attr, number]
  /** The test (SEMVER_TESTS), the version's major, minor and patch, and the version. */
  | readonly [typeof OP.SEMVER, Attr, number, number, number, number, SemVer]
  | readonly [typeof OP.STARTS | typeof OP.ENDS | typeof OP.INCLUDES, Attr, string]
  | readonly [typeof OP.EXISTS, Attr]
  | readonly [typeof OP.CALL, Test]
  | readonly [typeof OP.CONST, boolean]
  | readonly [typeof OP.NOT]
  /** The index to jump to. */
  | readonly [Jump, number]
  | readonly [typeof OP.WINDOW, number, number]
  | readonly [typeof OP.RETURN, Evaluation]
  | readonly [typeof OP.SERVE, Serve, UnitMissing | null]
  /** A flag's fallthrough; null in a condition's program, which answers its boolean. */
  | readonly [typeof OP.END, Evaluation | null];

/** One slot of a program: instructions lie end to end in one flat array. */
export type Word = Instruction[number];

/** A program answering R: a flag's its Evaluation, a condition's (a segment's) a boolean. */
export type Program<R extends Evaluation | boolean> = readonly Word[] & { readonly answers?: R };

function put(out: Word[], instruction: Instruction): void {
  for (const word of instruction) out.push(word);
}

/** The shape of a compiled condition, flattened into a program once the flag is built. */
export type ProgramNode =
  | { readonly kind: 'code'; readonly code: readonly Instruction[] }
  | { readonly kind: 'all' | 'any'; readonly children: readonly ProgramNode[] }
  | { readonly kind: 'not'; readonly inner: ProgramNode };

/**
 * Lists up to this long sit inside the program and are scanned: when many flags are evaluated,
 * reading on in an array the loop already reads beats a Set's separate hash table.
 */
const SCAN_LIMIT = 32;

/** Names a JSON object's (or an array's) prototype could answer for: those keep the generic reader's own-property check. */
function inheritable(attr: string): boolean {
  return attr in Object.prototype || attr in Array.prototype || attr === '__proto__';
}

const SEMVER_TESTS = { eq: 0, gt: 1, gte: 2, lt: 3, lte: 4 } as const satisfies Record<Order, number>;
const NUMBER_OPS = { gt: OP.GT, gte: OP.GTE, lt: OP.LT, lte: OP.LTE } as const satisfies Record<SpecOf<'number'>['test'], number>;
const TEXT_OPS = { prefix: OP.STARTS, suffix: OP.ENDS, infix: OP.INCLUDES } as const satisfies Record<TextTest, number>;

/** The inline instruction of a positive clause, or undefined for operand kinds that call their compiled test. */
function positive(operand: ParsedOperand, attr: string): Instruction | undefined {
  switch (operand.kind) {
    case 'scalar':
      return typeof operand.value === 'number' ? [OP.NUMBER_IS, attr, operand.value] : [OP.IS, attr, operand.value];
    case 'scalarList': {
      if (operand.test !== 'one_of' || !operand.values.every((v) => typeof v === 'string')) return undefined;
      const values = operand.values as readonly string[];
      return values.length <= SCAN_LIMIT ? [OP.IN_LIST, attr, values.length, ...values] : [OP.IN_SET, attr, new Set(values)];
    }
    case 'number':
      return [NUMBER_OPS[operand.test], attr, operand.value];
    case 'semver':
      // The version's numbers sit in the program; the object is read only to order pre-releases.
      return [OP.SEMVER, attr, SEMVER_TESTS[operand.test], operand.version.major, operand.version.minor, operand.version.patch, operand.version];
    case 'string':
      return [TEXT_OPS[operand.test], attr, operand.value];
    case 'none':
      return [OP.EXISTS, attr];
    case 'regex':
    case 'numberRange':
    case 'date':
    case 'dateRange':
    case 'timeWindow':
    case 'semverRange':
    case 'size':
    case 'geo':
    case 'rollout':
      return undefined;
    default:
      return unreachable(operand);
  }
}

/** The inline code of a clause, or undefined when it must call its compiled test. */
export function inlineClause(op: Operator, operand: ParsedOperand, caseInsensitive: boolean, attr: string | undefined): Instruction[] | undefined {
  // Dotted paths read nested objects with a flat-key fallback; folded case allocates anyway.
  if (attr === undefined || attr.includes('.') || inheritable(attr) || caseInsensitive) return undefined;
  const instruction = positive(operand, attr);
  if (!instruction) return undefined;
  // A negated operator's operand carries its twin's test: the twin's code, then NOT.
  return specOf(op).negates === undefined ? [instruction] : [instruction, [OP.NOT]];
}

export function callNode(test: Test): ProgramNode {
  return { kind: 'code', code: [[OP.CALL, test]] };
}

/** Appends a node's code; jumps are patched to the end of their group. */
function emit(node: ProgramNode, out: Word[]): void {
  if (node.kind === 'code') {
    for (const instruction of node.code) put(out, instruction);
    return;
  }
  if (node.kind === 'not') {
    emit(node.inner, out);
    put(out, [OP.NOT]);
    return;
  }
  const all = node.kind === 'all';
  if (node.children.length === 0) {
    put(out, [OP.CONST, all]);
    return;
  }
  const jumps: number[] = [];
  node.children.forEach((child, i) => {
    emit(child, out);
    if (i < node.children.length - 1) {
      jumps.push(out.length + 1);
      put(out, [all ? OP.JUMP_IF_FALSE : OP.JUMP_IF_TRUE, -1]);
    }
  });
  for (const at of jumps) out[at] = out.length;
}

/** A condition as its own program (segments), answering a boolean. */
export function conditionProgram(node: ProgramNode): Program<boolean> {
  const out: Word[] = [];
  emit(node, out);
  put(out, [OP.END, null]);
  return out;
}

export type ProgramRule = {
  readonly node: ProgramNode | null;
  readonly window: { readonly from: number; readonly until: number } | null;
  readonly constant: Evaluation | null;
  readonly serve: Serve;
  /** What the answer records when `serve` finds no unit (rollouts); null for a fixed variant. */
  readonly unitMissing: UnitMissing | null;
};

/** A flag's rules and fallthrough as one program, answering an Evaluation. */
export function flagProgram(rules: readonly ProgramRule[], fallthrough: Evaluation): Program<Evaluation> {
  const out: Word[] = [];
  for (const rule of rules) {
    const skips: number[] = [];
    if (rule.window) {
      put(out, [OP.WINDOW, rule.window.from, rule.window.until]);
      skips.push(out.length + 1);
      put(out, [OP.JUMP_IF_FALSE, -1]);
    }
    if (rule.node) {
      emit(rule.node, out);
      skips.push(out.length + 1);
      put(out, [OP.JUMP_IF_FALSE, -1]);
    }
    if (rule.constant) put(out, [OP.RETURN, rule.constant]);
    else put(out, [OP.SERVE, rule.serve, rule.unitMissing]);
    for (const at of skips) out[at] = out.length;
  }
  put(out, [OP.END, fallthrough]);
  return out;
}
