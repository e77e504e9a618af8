// OFREP v0.3: single-flag and bulk evaluation. Bulk answers carry an ETag over the flag-set
// version and the answers themselves, so an unchanged result is a bodiless 304.

import * as z from 'zod';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { problem } from '../../shared/http/problem.ts';
import { reply, type Reply } from '../../shared/http/reply.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { LIMITS } from '../../shared/rules/index.ts';
import { digestOf, etagOf, type Digest } from './etag.ts';
import { evaluateForOfrep, failure, failureBody, type Outcome } from './ofrep-mapping.ts';
import { admit, prepareContext, sourcesOf, type EvaluateDeps } from './request-context.ts';
import { observerFor } from '../../shared/telemetry/evaluation-metrics.ts';
import { then } from '../../shared/http/maybe-async.ts';
import { snapshotWants, wantsOf, withBehavior } from './behavior.ts';
import { wantedOf } from './wanted-version.ts';
import { keysFor, visibleTo } from './key-access.ts';

/** OFREP requires `context`; older providers send `{}`, which counts as an empty context. */
const OfrepRequestSchema = z.object({ context: z.unknown().optional() });

function replyWith(outcome: Outcome): Reply {
  return outcome.ok ? reply.jsonText(200, outcome.json) : reply.problem(failureBody(outcome));
}

/** Whether an If-None-Match header names this ETag (weak comparison, lists and `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export function ofrepRoutes(deps: EvaluateDeps): ReplyRoute[] {
  return [
    jsonRoute({
      path: '/ofrep/v1/evaluate/flags/:key',
      admit: (req) => admit(req, deps),
      schema: OfrepRequestSchema,
      limitBytes: LIMITS.evaluateBodyBytes,
      handle: (req, admitted, body, { params }) => {
        const key = params.key!;
        const context = prepareContext(body.context, req, admitted.now, deps, sourcesOf(admitted.snapshot));
        if (!context.ok) return replyWith(failure(key, 'INVALID_CONTEXT', context.details));
        const { snapshot } = admitted;
        // A flag a client key may not see does not exist for it.
        if (!visibleTo(admitted.principal, snapshot, key)) return replyWith(failure(key, 'FLAG_NOT_FOUND', `no flag "${key}"`));
        const flag = snapshot.flags.get(key);
        return then(withBehavior(context.context, wantsOf(flag), snapshot.environment, admitted.now, deps), (enriched) => {
          const observe = deps.metrics && observerFor(deps.metrics, snapshot.environment);
          const started = deps.metrics && performance.now();
          const outcome = evaluateForOfrep(flag, snapshot.invalid, key, enriched, admitted.now, observe, admitted.stale);
          if (deps.metrics) deps.metrics.observe('evaluation_latency', { environment: snapshot.environment, route: 'flag' }, performance.now() - started!);
          return replyWith(outcome);
        });
      },
    }),
    jsonRoute({
      path: '/ofrep/v1/evaluate/flags',
      admit: (req) => {
        const wanted = wantedOf(req, deps.now());
        return wanted.ok ? admit(req, deps, wanted.wanted) : { ok: false as const, problem: wanted.problem };
      },
      schema: OfrepRequestSchema,
      limitBytes: LIMITS.evaluateBodyBytes,
      handle: (req, admitted, body) => {
        const context = prepareContext(body.context, req, admitted.now, deps, sourcesOf(admitted.snapshot));
        if (!context.ok) {
          return reply.problem({ ...problem('INVALID_CONTEXT', context.details, context.errors), errorCode: 'INVALID_CONTEXT', errorDetails: context.details });
        }
        const { snapshot, now } = admitted;
        return then(withBehavior(context.context, snapshotWants(snapshot), snapshot.environment, now, deps), (enriched) => {
          const observe = deps.metrics && observerFor(deps.metrics, snapshot.environment);
          const started = deps.metrics && performance.now();
          const parts: string[] = [];
          const digests: Digest[] = [];
          for (const key of keysFor(admitted.principal, snapshot)) {
            const outcome = evaluateForOfrep(snapshot.flags.get(key), snapshot.invalid, key, enriched, now, observe, admitted.stale);
            const json = outcome.ok ? outcome.json : JSON.stringify(outcome.body);
            parts.push(json);
            digests.push(outcome.ok ? outcome.digest : digestOf(json));
          }
          if (deps.metrics) deps.metrics.observe('evaluation_latency', { environment: snapshot.environment, route: 'bulk' }, performance.now() - started!);
          const offer = deps.streams?.(admitted.secret, snapshot.environment, snapshot.version, now);
          if (offer) digests.push(offer.digest);
          const etag = etagOf(snapshot.version, digests);
          const ifNoneMatch = req.headers['if-none-match'];
          // A client polling an unchanged answer is told so before the answer is assembled.
          if (etagMatches(typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, etag)) return reply.empty(304, { ETag: etag });
          const text = `{"flags":[${parts.join(',')}],"metadata":${JSON.stringify({ environment: snapshot.environment, version: snapshot.version })}${offer ? `,${offer.json}` : ''}}`;
          return reply.jsonText(200, text, { ETag: etag, 'Cache-Control': 'private, no-cache' });
        });
      },
    }),
  ];
}
