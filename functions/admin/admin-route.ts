// Every admin route: the caller admitted for what the route needs (read, write or manage), then
// the handler, within the store deadline. A store that throws or does not answer in time
// (Firestore unreachable) answers 503: nothing was acknowledged.
//
// A handler is `(request, context) => Promise<Reply>`: it returns its answer, early exits
// included (`if (!ifMatch.ok) return reply.problem(ifMatch.problem)`), and never touches the
// response. `adminRoute(...).handle(request, routeContext)` runs it, admission and all, without HTTP.

import type * as z from 'zod';
import { receiveJsonBody, type BodyResult } from '../../shared/http/body.ts';
import type { MaybePromise } from '../../shared/http/maybe-async.ts';
import { reply, type Reply } from '../../shared/http/reply.ts';
import { route, type ReplyRoute, type RouteContext } from '../../shared/http/router.ts';
import { withinDeadline } from '../../shared/http/deadline.ts';
import { ClassifiedError, dependencyError } from '../../shared/telemetry/errors.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import { admitCaller, type Caller, type Need } from './access.ts';
import type { AdminDeps } from './deps.ts';

export type AdminContext = RouteContext & { readonly caller: Caller };
export type AdminHandler = (request: HttpRequest, context: AdminContext) => Promise<Reply>;

/** A document is at most 256 KiB; a write body holds one and a comment. */
export const WRITE_BODY_BYTES = 512 * 1024;

/** Store errors that are our own mistakes, not the store's: reported as bugs. */
const BUGS = [TypeError, RangeError, ReferenceError, SyntaxError];

export function adminRoute(deps: AdminDeps, method: string, path: string, need: Need, handle: AdminHandler): ReplyRoute {
  return route(method, path, async (request, context) => {
    const work = (async (): Promise<Reply> => {
      const access = await admitCaller(request, deps, need);
      if (!access.ok) return reply.problem(access.problem, access.headers);
      return handle(request, { ...context, caller: access.caller });
    })();
    try {
      // A Reply that comes after the deadline is dropped: the caller was told 503 already.
      return await withinDeadline(work, deps.storeDeadlineMs, 'store', (outcome) =>
        context.telemetry.log.warn('the store answered after the deadline; the caller was told 503 and may retry (a retried write with its If-Match gets 412 if this one landed)', {
          dependency: 'store',
          outcome: outcome instanceof Error ? outcome.message : 'done',
        }),
      );
    } catch (error) {
      // Whatever the store threw, nothing was acknowledged: 503 (shared/http/http-function.ts), unless it is a bug of ours.
      if (BUGS.some((kind) => error instanceof kind) || error instanceof ClassifiedError) throw error;
      throw dependencyError('store', `the store failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  });
}

/**
 * The body checked against `schema`, or the problem to return (`if (!read.ok) return
 * reply.problem(read.problem)`). Handlers run after admitCaller, so a body past PRE_AUTH_BYTES is
 * only read for a known key.
 */
export function readBody<T>(request: HttpRequest, schema: z.ZodType<T>, limitBytes = WRITE_BODY_BYTES): MaybePromise<BodyResult<T>> {
  return receiveJsonBody(request, schema, limitBytes);
}

/** The write's metadata: actor, comment and request id, recorded in history and the audit log. */
export const metaOf = (context: AdminContext, comment: string | undefined) => ({
  actor: context.caller.actor,
  keyId: context.caller.principal.keyId,
  requestId: context.requestId,
  ...(comment === undefined ? {} : { comment }),
});
