// POST /v1/evaluate/batch: up to 1,000 contexts against every flag or a listed few, answered as a
// stream (JSON by default, NDJSON on request) so no answer is held whole in memory.

import * as z from 'zod';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { problem, tooManyItems } from '../../shared/http/problem.ts';
import type { MaybePromise } from '../../shared/http/maybe-async.ts';
import { reply } from '../../shared/http/reply.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import type { BehaviorWant } from '../../shared/cache/behavior-counters.ts';
import { checkContext, type CompiledFlag, type Context } from '../../shared/rules/index.ts';
import { answerFlag, batchMember, isFailure, type WireAnswer } from './ofrep-mapping.ts';
import { enrichContext } from '../../shared/context/index.ts';
import type { CompiledSnapshot } from '../../shared/cache/snapshot-cache.ts';
import { admitServer, sourcesOf, type EvaluateDeps } from './request-context.ts';
import { observerFor, type EvaluationObserver } from '../../shared/telemetry/evaluation-metrics.ts';
import { dedupe, snapshotWants, wantsOf, withBehavior } from './behavior.ts';

export const BATCH_LIMITS = { contexts: 1000, flags: 1000, bodyBytes: 8 * 1024 * 1024 } as const;

/** Contexts answered between two turns of the event loop. */
const BATCH_SLICE = 100;

const BatchSchema = z.strictObject({
  contexts: z.array(z.unknown()).min(1),
  flags: z.array(z.string()).min(1).optional(),
});

/**
 * Serialises each context's answers as bytes, each flag's member from the one wire mapping of
 * OFREP single and bulk (ofrep-mapping.ts). PERFORMANCE NOTE: most evaluations end in a result
 * the compiled flag pre-built once (frozen, shared), and a split's answer differs only by variant,
 * so each distinct answer is encoded once per request, as the whole member `,"key":{...}`, and
 * reused: a slice of 100,000 answers is one Buffer.concat of shared pieces. Concatenating strings
 * instead built ropes that took half the batch's time to flatten on the way to the socket.
 */
function answerer(keys: readonly string[], snapshot: CompiledSnapshot, now: number, observe?: EvaluationObserver, stale = false) {
  // No request headers describe a batch's users: only time can be derived, and only if read.
  const sources = { ...sourcesOf(snapshot), geo: false, userAgent: false };
  const prefixes = keys.map((key) => `,${JSON.stringify(key)}:`);
  const members = new Map<unknown, Buffer>();
  const member = (i: number, key: string, flag: CompiledFlag | undefined, answer: WireAnswer): Buffer => {
    if (isFailure(answer)) return Buffer.from(prefixes[i] + JSON.stringify(batchMember(flag, answer, key, stale)));
    // A member names the reason, the rule and the variant: answers alike in those share bytes. An
    // answer built per evaluation with a rule is a split (its reason goes without saying, and
    // spelling it out cost a third of the batch's time); one without is a DEFAULT or a DISABLED.
    const id = Object.isFrozen(answer) ? answer : 'ruleId' in answer ? `${key}\u0000${answer.ruleId}\u0000${answer.variant}` : `${key}\u0000\u0000${answer.reason}\u0000${answer.variant}`;
    let bytes = members.get(id);
    if (bytes === undefined) {
      bytes = Buffer.from(prefixes[i] + JSON.stringify(batchMember(flag, answer, key, stale)));
      members.set(id, bytes);
    }
    return bytes;
  };
  /** A context checked and enriched, or the line that reports why it cannot be evaluated. */
  const prepare = (index: number, raw: unknown): Context | string => {
    const issues = checkContext(raw);
    if (issues.length > 0) {
      return JSON.stringify({ index, errorCode: 'INVALID_CONTEXT', errorDetails: issues.map((i) => `/contexts/${index}${i.path}: ${i.message}`).join('; ') });
    }
    return enrichContext(raw as Context, { headers: {} }, { now, sources });
  };
  /** Appends the pieces of one context's line to `into`. */
  const answer = (index: number, context: Context, into: Buffer[]): void => {
    into.push(Buffer.from(`{"index":${index},"flags":{`));
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const flag = snapshot.flags.get(key);
      const bytes = member(i, key, flag, answerFlag(flag, snapshot.invalid, key, context, now, observe));
      // Every member starts with a comma; the first one's is left out.
      into.push(i === 0 ? bytes.subarray(1) : bytes);
    }
    into.push(CLOSE_LINE);
  };
  return { prepare, answer };
}

const CLOSE_LINE = Buffer.from('}}');
const COMMA = Buffer.from(',');
const NEWLINE = Buffer.from('\n');

type Answerer = ReturnType<typeof answerer>;

/**
 * The answer's bytes, a slice of contexts at a time: each slice is written before the next is
 * computed, with the event loop let through between them, so the client reads while the rest is
 * evaluated and other requests on the instance are not held up by one large batch.
 */
async function* batchChunks(contexts: readonly unknown[], ndjson: boolean, head: string, { prepare, answer }: Answerer, wants: readonly BehaviorWant[], withCounts: (context: Context) => MaybePromise<Context>): AsyncGenerator<Buffer | string> {
  yield head;
  for (let from = 0; from < contexts.length; from += BATCH_SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    const pieces: Buffer[] = [];
    const to = Math.min(contexts.length, from + BATCH_SLICE);
    const prepared = contexts.slice(from, to).map((raw, i) => prepare(from + i, raw));
    const ready = wants.length === 0 ? prepared : await Promise.all(prepared.map((c) => (typeof c === 'string' ? c : withCounts(c))));
    for (let i = from; i < to; i++) {
      const context = ready[i - from]!;
      if (!ndjson && i > 0) pieces.push(COMMA);
      if (typeof context === 'string') pieces.push(Buffer.from(context));
      else answer(i, context, pieces);
      if (ndjson) pieces.push(NEWLINE);
    }
    yield Buffer.concat(pieces);
  }
  if (!ndjson) yield ']}';
}

export function batchRoute(deps: EvaluateDeps): ReplyRoute {
  return jsonRoute({
    path: '/v1/evaluate/batch',
    admit: (req) => admitServer(req, deps, 'batch evaluation'),
    schema: BatchSchema,
    limitBytes: BATCH_LIMITS.bodyBytes,
    handle: (req, admitted, body) => {
      const { contexts, flags } = body;
      const { snapshot, now } = admitted;
      if (contexts.length > BATCH_LIMITS.contexts) {
        return reply.problem(tooManyItems('/contexts', contexts.length, BATCH_LIMITS.contexts, 'contexts'));
      }
      if (flags && flags.length > BATCH_LIMITS.flags) {
        return reply.problem(tooManyItems('/flags', flags.length, BATCH_LIMITS.flags, 'flags'));
      }
      const unknown = (flags ?? []).flatMap((key, i) => (snapshot.flags.has(key) || snapshot.invalid.has(key) ? [] : [{ path: `/flags/${i}`, code: 'FLAG_NOT_FOUND', message: `no flag "${key}"` }]));
      if (unknown.length > 0) return reply.problem(problem('UNKNOWN_FLAGS', `${unknown.length} of the listed flags do not exist`, unknown));
      const keys = flags ? [...new Set(flags)] : snapshot.keys;
      const ndjson = /application\/x-ndjson/.test(req.headers.accept ?? '');
      const head = ndjson ? '' : `{"environment":${JSON.stringify(snapshot.environment)},"version":${snapshot.version},"results":[`;
      const answering = answerer(keys, snapshot, now, deps.metrics && observerFor(deps.metrics, snapshot.environment), admitted.stale);
      // Flags that read `behavior.*` fetch each user's counters (one call per user, the slice's
      // users at once, cached briefly per user); batches of flags that read none never touch Redis.
      const wants = flags ? dedupe(flags.flatMap((key) => wantsOf(snapshot.flags.get(key)))) : snapshotWants(snapshot);
      const chunks = batchChunks(contexts, ndjson, head, answering, wants, (c) => withBehavior(c, wants, snapshot.environment, now, deps));
      return reply.stream(200, ndjson ? 'application/x-ndjson' : 'application/json; charset=utf-8', chunks);
    },
  });
}
