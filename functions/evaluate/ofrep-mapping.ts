// Evaluations on the wire, for every evaluate route: one decision of what a flag answers (the
// evaluation served, or an OFREP failure code), and one success body. OFREP single and bulk send
// that body whole; batch sends it without the key (its member's name) and with the rule as its only
// metadata. Failures also carry our problem fields, so every error is still problem+json.

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

/** An evaluation that served a variant. */
export type Served = Exclude<Evaluation, { reason: 'ERROR' }>;

/**
 * What a flag answers on the wire: the evaluation it served, or why not. PERFORMANCE NOTE: a
 * success is the evaluation itself (usually one the compiled flag froze and shares), not a wrapper,
 * so the bulk and batch loops allocate nothing per flag for it.
 */
export type WireAnswer = Served | OfrepFailure;

export const isFailure = (answer: WireAnswer): answer is OfrepFailure => 'errorCode' in answer;

const fail = (key: string, errorCode: OfrepFailureCode, errorDetails: string): OfrepFailure => ({ key, errorCode, errorDetails });

/** True when a split keyed on `targetingKey` was passed over because the context has none (the core says so in `unitMissing`). */
function missedTargetingKey(result: Extract<Evaluation, { reason: 'DEFAULT' }>, context: Context): boolean {
  return typeof context.targetingKey !== 'string' && result.unitMissing !== undefined && result.unitMissing.some((u) => u.by === 'targetingKey');
}

/**
 * One flag for one context: the decision every route shares. A flag whose answer depended on a
 * bucketing key the context lacks answers TARGETING_KEY_MISSING (OFREP's lenient rule: only when
 * bucketing was really needed). `invalid` holds why stored flags did not compile (the snapshot's),
 * read only for a flag that is not there: a batch asks this 100,000 times.
 */
export function answerFlag(flag: CompiledFlag | undefined, invalid: ReadonlyMap<string, string>, key: string, context: Context, now: number, observe?: EvaluationObserver): WireAnswer {
  if (!flag) {
    observe?.(key, undefined);
    const why = invalid.get(key);
    return why === undefined ? fail(key, 'FLAG_NOT_FOUND', `flag "${key}" was not found`) : fail(key, 'PARSE_ERROR', `flag "${key}" is stored but invalid: ${why}`);
  }
  const result = evaluate(flag, context, { now });
  observe?.(key, result);
  if (result.reason === 'ERROR') {
    const code: OfrepFailureCode = result.errorCode === 'INVALID_CONTEXT' || result.errorCode === 'TARGETING_KEY_MISSING' || result.errorCode === 'PARSE_ERROR' ? result.errorCode : 'GENERAL';
    return fail(key, code, result.errorMessage);
  }
  if (result.reason === 'DEFAULT' && missedTargetingKey(result, context)) {
    return fail(key, 'TARGETING_KEY_MISSING', `flag "${key}" splits its audience by targetingKey, and the context has none`);
  }
  return result;
}

/** Flag metadata values that OFREP allows (string, number, boolean), plus why this variant. */
function metadataOf(flag: CompiledFlag, result: Served): Record<string, string | number | boolean> {
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

/** The success body. A stale answer keeps its value and variant; only the reason says the snapshot is unconfirmed. */
export function successBody(flag: CompiledFlag, result: Served, key: string, stale: boolean): OfrepSuccess {
  return { key, value: result.value, reason: stale ? 'STALE' : result.reason, variant: result.variant, metadata: metadataOf(flag, result) };
}

/** The batch member of an answer: the success body less its key and all metadata but the rule; a failure less its key. */
export function batchMember(flag: CompiledFlag | undefined, answer: WireAnswer, key: string, stale: boolean) {
  if (isFailure(answer)) return { errorCode: answer.errorCode, errorDetails: answer.errorDetails };
  const { value, variant, reason, metadata } = successBody(flag!, answer, key, stale);
  return metadata.ruleId === undefined ? { value, variant, reason } : { value, variant, reason, ruleId: metadata.ruleId };
}

/**
 * An OFREP answer as single and bulk send it: a success already serialised, with that text's
 * digest (bulk ETags fold them), or a failure whose HTTP status is its problem code's (PROBLEM_CODE
 * below, then shared/http/problem.ts).
 */
export type Outcome = { ok: true; json: string; digest: Digest } | { ok: false; body: OfrepFailure };

export function failure(key: string, errorCode: OfrepFailureCode, errorDetails: string): Outcome {
  return { ok: false, body: fail(key, errorCode, errorDetails) };
}

/**
 * PERFORMANCE NOTE: most evaluations end in a result the compiled flag built once and froze, and
 * its OFREP body never changes either; it is serialised once and reused, so a bulk answer of a
 * hundred flags is mostly string concatenation.
 */
type Success = Extract<Outcome, { ok: true }>;

const serialised = new WeakMap<object, Success>();
const serialisedStale = new WeakMap<object, Success>();

function success(flag: CompiledFlag, result: Served, key: string, stale: boolean): Success {
  const frozen = Object.isFrozen(result);
  const cache = stale ? serialisedStale : serialised;
  const known = frozen ? cache.get(result) : undefined;
  if (known !== undefined) return known;
  const json = JSON.stringify(successBody(flag, result, key, stale));
  const outcome: Success = { ok: true, json, digest: digestOf(json) };
  if (frozen) cache.set(result, outcome);
  return outcome;
}

/** answerFlag's decision as OFREP single and bulk send it. */
export function evaluateForOfrep(flag: CompiledFlag | undefined, invalid: ReadonlyMap<string, string>, key: string, context: Context, now: number, observe?: EvaluationObserver, stale = false): Outcome {
  const answer = answerFlag(flag, invalid, key, context, now, observe);
  return isFailure(answer) ? { ok: false, body: answer } : success(flag!, answer, key, stale);
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
