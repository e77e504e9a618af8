// What an evaluation returns: a union keyed on the reason, with a trace on request.

import type { JsonValue } from './schema.ts';

export const REASONS = ['STATIC', 'DEFAULT', 'TARGETING_MATCH', 'SPLIT', 'DISABLED', 'STALE', 'ERROR'] as const;
export type Reason = (typeof REASONS)[number];

export const ERROR_CODES = ['FLAG_NOT_FOUND', 'PARSE_ERROR', 'TYPE_MISMATCH', 'TARGETING_KEY_MISSING', 'INVALID_CONTEXT', 'GENERAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One clause as evaluated: what was read, what it was compared with, and the outcome. */
export type ClauseTrace = {
  readonly kind: 'clause';
  /** JSON Pointer of the clause in the flag, or in the segment named by `segment`. */
  readonly path: string;
  readonly segment?: string;
  readonly attr?: string;
  /** The attribute's value, `"[redacted]"` for the flag's private attributes. */
  readonly seen?: unknown;
  readonly op: string;
  readonly operand?: unknown;
  readonly result: boolean;
};

export type SegmentTrace = { readonly kind: 'segment'; readonly path: string; readonly segment: string; readonly result: boolean };

export type TraceStep =
  | { readonly kind: 'schedule'; readonly path: string; readonly active: boolean }
  | { readonly kind: 'prerequisite'; readonly flag: string; readonly expected: string; readonly got: string | null; readonly passed: boolean }
  | { readonly kind: 'rule'; readonly ruleId: string; readonly index: number; readonly matched: boolean; readonly note?: string; readonly clauses: readonly (ClauseTrace | SegmentTrace)[] }
  | {
      readonly kind: 'split';
      readonly ruleId: string;
      readonly by: string;
      readonly unit: string;
      readonly salt: string;
      readonly bucket: number;
      readonly ranges: readonly { readonly variant: string; readonly from: number; readonly to: number }[];
      readonly variant: string;
    };

export type Trace = readonly TraceStep[];

type Served = { readonly flagKey: string; readonly value: JsonValue; readonly variant: string; readonly trace?: Trace };

export type DisabledCause =
  | { readonly cause: 'KILL_SWITCH' }
  | { readonly cause: 'SCHEDULE' }
  | { readonly cause: 'PREREQUISITE'; readonly prerequisite: { readonly flag: string; readonly expected: string; readonly got: string | null } };

/** A rollout rule that matched but could not bucket: the context has no unit at `by` (a string or finite number). */
export type UnitMissing = { readonly ruleId: string; readonly by: string };

export type Evaluation =
  | (Served & { readonly reason: 'STATIC' })
  /** `unitMissing` lists, in rule order, the rollouts passed over for want of a unit (absent when none was). */
  | (Served & { readonly reason: 'DEFAULT'; readonly unitMissing?: readonly UnitMissing[] })
  | (Served & { readonly reason: 'TARGETING_MATCH'; readonly ruleId: string })
  | (Served & { readonly reason: 'SPLIT'; readonly ruleId: string; readonly bucket: number; readonly experimentId?: string })
  | (Served & { readonly reason: 'DISABLED' } & DisabledCause)
  | (Served & { readonly reason: 'STALE' })
  | { readonly reason: 'ERROR'; readonly flagKey: string; readonly errorCode: ErrorCode; readonly errorMessage: string; readonly trace?: Trace };

export type EvaluateOptions = {
  /** The instant of evaluation: epoch milliseconds or a Date. Never read from a clock. */
  readonly now: number | Date;
  readonly trace?: boolean;
};

export const REDACTED = '[redacted]';
