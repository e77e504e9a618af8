// Running a program (program.ts lays it out): one loop over the flat array, reading each
// opcode's operands at the offsets its Instruction gives.

import type { SemVer } from 'semver';
import type { Evaluation, UnitMissing } from '../evaluation.ts';
import type { Context } from '../schema.ts';
import { toNumber } from '../values.ts';
import { numberOf, versionOf } from './matchers.ts';
import { OP, type Program, type Test, type Word } from './program.ts';
import type { Serve } from './serve.ts';

/**
 * The context last found plain, for the flags of one synchronous burst (a bulk answer, 1,000 flags
 * for one user) to skip the prototype check after the first: forgotten at the next microtask, so
 * no context outlives the evaluation that brought it. PERFORMANCE NOTE: checking on every run cost
 * W2 about 10% (110-119 against 98-99 us per call here).
 */
let lastPlain: Context | undefined;
const forget = () => {
  lastPlain = undefined;
};

/**
 * Inline reads (`ctx[name]`) see only own properties of a plain object, as the generic reader
 * does; any other context is read through a plain copy of its own properties.
 */
function plain(c: Context): Record<string, unknown> {
  if (c === lastPlain) return c as Record<string, unknown>;
  const proto: unknown = Object.getPrototypeOf(c);
  if (proto !== Object.prototype && proto !== null) return { ...c };
  if (lastPlain === undefined) queueMicrotask(forget);
  lastPlain = c;
  return c as Record<string, unknown>;
}

function semverHolds(v: unknown, test: number, major: number, minor: number, patch: number, version: SemVer): boolean {
  const parsed = typeof v === 'string' ? versionOf(v) : null;
  if (parsed === null) return false;
  const order = parsed.major !== major ? parsed.major - major : parsed.minor !== minor ? parsed.minor - minor : parsed.patch !== patch ? parsed.patch - patch : parsed.compare(version);
  switch (test) {
    case 0: return order === 0;
    case 1: return order > 0;
    case 2: return order >= 0;
    case 3: return order < 0;
    default: return order <= 0;
  }
}

/** The fallthrough, recording the rollouts that found no unit. */
export function withUnitMissing(fallthrough: Evaluation, unitMissing: readonly UnitMissing[]): Evaluation {
  return fallthrough.reason === 'DEFAULT' ? { ...fallthrough, unitMissing } : fallthrough;
}

/** Runs a flag's program (its END carries the fallthrough). */
export function runFlag(p: Program<Evaluation>, c: Context, now: number): Evaluation {
  return execute(p, c, now) as Evaluation;
}

/** Runs a condition's program (its END carries null, so it answers its boolean). */
export function runCondition(p: Program<boolean>, c: Context, now: number): boolean {
  return execute(p, c, now) as boolean;
}

/**
 * Runs a program. Operands are read at the offsets `Instruction` gives for each opcode. Clauses
 * are pure, so the order the compiler chose (cheapest first) changes the cost, never the answer.
 */
function execute(p: readonly Word[], c: Context, now: number): Evaluation | boolean {
  const ctx = plain(c);
  let r = false;
  let missing: UnitMissing[] | null = null;
  let pc = 0;
  for (;;) {
    switch (p[pc] as number) {
      case OP.IS:
        r = ctx[p[pc + 1] as string] === p[pc + 2];
        pc += 3;
        break;
      case OP.NUMBER_IS: {
        const v = ctx[p[pc + 1] as string];
        const x = p[pc + 2];
        r = typeof v === 'number' ? v === x : toNumber(v) === x;
        pc += 3;
        break;
      }
      case OP.IN_LIST: {
        const v = ctx[p[pc + 1] as string];
        const end = pc + 3 + (p[pc + 2] as number);
        r = false;
        if (typeof v === 'string') {
          for (let i = pc + 3; i < end; i++) {
            if (p[i] === v) {
              r = true;
              break;
            }
          }
        }
        pc = end;
        break;
      }
      case OP.IN_SET: {
        const v = ctx[p[pc + 1] as string];
        r = typeof v === 'string' && (p[pc + 2] as ReadonlySet<string>).has(v);
        pc += 3;
        break;
      }
      case OP.GT:
        r = numberOf(ctx[p[pc + 1] as string]) > (p[pc + 2] as number);
        pc += 3;
        break;
      case OP.GTE:
        r = numberOf(ctx[p[pc + 1] as string]) >= (p[pc + 2] as number);
        pc += 3;
        break;
      case OP.LT:
        r = numberOf(ctx[p[pc + 1] as string]) < (p[pc + 2] as number);
        pc += 3;
        break;
      case OP.LTE:
        r = numberOf(ctx[p[pc + 1] as string]) <= (p[pc + 2] as number);
        pc += 3;
        break;
      case OP.SEMVER:
        r = semverHolds(ctx[p[pc + 1] as string], p[pc + 2] as number, p[pc + 3] as number, p[pc + 4] as number, p[pc + 5] as number, p[pc + 6] as SemVer);
        pc += 7;
        break;
      case OP.STARTS: {
        const v = ctx[p[pc + 1] as string];
        r = typeof v === 'string' && v.startsWith(p[pc + 2] as string);
        pc += 3;
        break;
      }
      case OP.ENDS: {
        const v = ctx[p[pc + 1] as string];
        r = typeof v === 'string' && v.endsWith(p[pc + 2] as string);
        pc += 3;
        break;
      }
      case OP.INCLUDES: {
        const v = ctx[p[pc + 1] as string];
        r = typeof v === 'string' && v.includes(p[pc + 2] as string);
        pc += 3;
        break;
      }
      case OP.EXISTS: {
        const v = ctx[p[pc + 1] as string];
        r = v !== undefined && v !== null;
        pc += 2;
        break;
      }
      case OP.CALL:
        r = (p[pc + 1] as Test)(c, now);
        pc += 2;
        break;
      case OP.CONST:
        r = p[pc + 1] as boolean;
        pc += 2;
        break;
      case OP.NOT:
        r = !r;
        pc += 1;
        break;
      case OP.JUMP_IF_FALSE:
        pc = r ? pc + 2 : (p[pc + 1] as number);
        break;
      case OP.JUMP_IF_TRUE:
        pc = r ? (p[pc + 1] as number) : pc + 2;
        break;
      case OP.WINDOW:
        r = now >= (p[pc + 1] as number) && now < (p[pc + 2] as number);
        pc += 3;
        break;
      case OP.RETURN:
        return p[pc + 1] as Evaluation;
      case OP.SERVE: {
        const served = (p[pc + 1] as Serve)(c, null);
        if (served !== null) return served;
        // A rollout serves nothing only when the context has no unit: the fallthrough says so.
        (missing ??= []).push(p[pc + 2] as UnitMissing);
        pc += 3;
        break;
      }
      default: {
        const result = p[pc + 1];
        if (result === null) return r;
        return missing === null ? (result as Evaluation) : withUnitMissing(result as Evaluation, missing);
      }
    }
  }
}
