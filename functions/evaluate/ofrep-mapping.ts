// Evaluations as OFREP answers: a success body, or a failure with its OFREP code, both carrying
// our problem fields too so every error is still problem+json.

import type { CompiledFlag, Context, Evaluation } from '../../shared/rules/index.ts';
import { evaluate } from '../../shared/rules/index.ts';
import { problem, type ApiErrorCode } from '../../shared/http/problem.ts';
import { digestOf, type Digest } from './etag.ts';
import type { EvaluationObserver } from '../../shared/telemetry/evaluation-metrics.ts';

export type OfrepSuccess = {
  readonly key: string;
  readonly value: unknown;
  readonly reason: string;
  readonly variant: string;
  readonly metadata: Readonly<Record<string, string | number | boolean>>;
};

export type OfrepFailureCode = 'FLAG_NOT_FOUND' | 'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL';
export type OfrepFailure = { readonly key: string; readonly errorCode: OfrepFailureCode; readonly errorDetails: string };

/**
 * A success carries its body already serialised, and that text's digest (see `success`). A
 * failure's HTTP status is its problem code's (PROBLEM_CODE below, then shared/http/problem.ts).
 */
export type Outcome = { ok: true; json: string; digest: Digest } | { ok: false; body: OfrepFailure };

export function failure(key: string, errorCode: OfrepFailureCode, errorDetails: string): Outcome {
  return { ok: false, body: { key, errorCode, errorDetails } };
}

/** Flag metadata values that OFREP allows (string, number, boolean), plus why this variant. */
function metadataOf(flag: CompiledFlag, result: Exclude<Evaluation, { reason: 'ERROR' }>): Record<string, string | number | boolean> {
  const metadata: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(flag.doc.metadata ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') metadata[name] = value;
  }
  if (flag.version !== undefined) metadata.flagVersion = flag.version;
  if ('ruleId' in result) metadata.ruleId = result.ruleId;
  if (result.reason === 'SPLIT') {
    metadata.bucket = result.bucket;
    if (result.experimentId !== undefined) metadata.experimentId = result.experimentId;
  }
  if (result.reason === 'DISABLED') metadata.cause = result.cause;
  return metadata;
}

/**
 * PERFORMANCE NOTE: most evaluations end in a result the compiled flag built once and froze, and
 * its OFREP body never changes either; it is serialised once and reused, so a bulk answer of a
 * hundred flags is mostly string concatenation.
 */
type Success = Extract<Outcome, { ok: true }>;

const serialised = new WeakMap<object, Success>();
const serialisedStale = new WeakMap<object, Success>();

/** A stale answer keeps its value and variant; only the reason says the snapshot is unconfirmed. */
function success(flag: CompiledFlag, result: Exclude<Evaluation, { reason: 'ERROR' }>, key: string, stale: boolean): Success {
  const frozen = Object.isFrozen(result);
  const cache = stale ? serialisedStale : serialised;
  const known = frozen ? cache.get(result) : undefined;
  if (known !== undefined) return known;
  const body: OfrepSuccess = { key, value: result.value, reason: stale ? 'STALE' : result.reason, variant: result.variant, metadata: metadataOf(flag, result) };
  const json = JSON.stringify(body);
  const outcome: Success = { ok: true, json, digest: digestOf(json) };
  if (frozen) cache.set(result, outcome);
  return outcome;
}

/** True when a split keyed on `targetingKey` was passed over because the context has none (the core says so in `unitMissing`). */
function missedTargetingKey(result: Extract<Evaluation, { reason: 'DEFAULT' }>, context: Context): boolean {
  return typeof context.targetingKey !== 'string' && result.unitMissing !== undefined && result.unitMissing.some((u) => u.by === 'targetingKey');
}

/**
 * One flag for one context. A flag whose answer depended on a bucketing key the context lacks
 * answers TARGETING_KEY_MISSING (OFREP's lenient rule: only when bucketing was really needed).
 */
export function evaluateForOfrep(flag: CompiledFlag | undefined, invalid: string | undefined, key: string, context: Context, now: number, observe?: EvaluationObserver, stale = false): Outcome {
  if (!flag) {
    observe?.(key, undefined);
    return invalid === undefined ? failure(key, 'FLAG_NOT_FOUND', `flag "${key}" was not found`) : failure(key, 'PARSE_ERROR', `flag "${key}" is stored but invalid: ${invalid}`);
  }
  const result = evaluate(flag, context, { now });
  observe?.(key, result);
  if (result.reason === 'ERROR') {
    const code: OfrepFailureCode = result.errorCode === 'INVALID_CONTEXT' || result.errorCode === 'TARGETING_KEY_MISSING' || result.errorCode === 'PARSE_ERROR' ? result.errorCode : 'GENERAL';
    return failure(key, code, result.errorMessage);
  }
  if (result.reason === 'DEFAULT' && missedTargetingKey(result, context)) {
    return failure(key, 'TARGETING_KEY_MISSING', `flag "${key}" splits its audience by targetingKey, and the context has none`);
  }
  return success(flag, result, key, stale);
}

const PROBLEM_CODE = {
  FLAG_NOT_FOUND: 'FLAG_NOT_FOUND',
  PARSE_ERROR: 'FLAG_PARSE_ERROR',
  TARGETING_KEY_MISSING: 'TARGETING_KEY_MISSING',
  INVALID_CONTEXT: 'INVALID_CONTEXT',
  GENERAL: 'INTERNAL',
} as const satisfies Record<OfrepFailureCode, ApiErrorCode>;

/** A failure as a problem+json body that an OFREP client also reads. */
export function failureBody(outcome: Extract<Outcome, { ok: false }>) {
  return { ...problem(PROBLEM_CODE[outcome.body.errorCode], outcome.body.errorDetails), ...outcome.body };
}
