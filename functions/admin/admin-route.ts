// Every admin route: the caller admitted for what the route needs (read, write or manage), then
// the handler, within the store deadline. A store that throws or does not answer in time
// (Firestore unreachable) answers 503: nothing was acknowledged.

import type * as z from 'zod';
import { receiveJsonBody } from '../../shared/http/body.ts';
import { then, type MaybePromise } from '../../shared/http/maybe-async.ts';
import type { Route, RouteContext } from '../../shared/http/router.ts';
import { withinDeadline } from '../../shared/http/deadline.ts';
import { sendProblem } from '../../shared/http/send.ts';
import { ClassifiedError, dependencyError } from '../../shared/telemetry/errors.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import { admitCaller, type Caller, type Need } from './access.ts';
import type { AdminDeps } from './deps.ts';

export type AdminContext = RouteContext & { readonly caller: Caller };
export type AdminHandler = (request: HttpRequest, response: HttpResponse, context: AdminContext) => Promise<void> | void;

/** A document is at most 256 KiB; a write body holds one and a comment. */
export const WRITE_BODY_BYTES = 512 * 1024;

/** Store errors that are our own mistakes, not the store's: reported as bugs. */
const BUGS = [TypeError, RangeError, ReferenceError, SyntaxError];

export function adminRoute(deps: AdminDeps, method: string, path: string, need: Need, handle: AdminHandler): Route {
  return {
    method,
    path,
    handler: async (request, response, context) => {
      const work = (async () => {
        const access = await admitCaller(request, deps, need);
        if (!access.ok) return sendProblem(response, access.problem, access.headers);
        await handle(request, response, { ...context, caller: access.caller });
      })();
      try {
        await withinDeadline(work, deps.storeDeadlineMs, 'store', (outcome) =>
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
    },
  };
}

/**
 * The body checked against `schema`, or the problem answered and undefined returned. Handlers run
 * after admitCaller, so a body past PRE_AUTH_BYTES is only read for a known key.
 */
export function bodyOf<T>(request: HttpRequest, response: HttpResponse, schema: z.ZodType<T>, limitBytes = WRITE_BODY_BYTES): MaybePromise<T | undefined> {
  return then(receiveJsonBody(request, schema, limitBytes), (body) => {
    if (body.ok) return body.value;
    sendProblem(response, body.problem);
    return undefined;
  });
}

/** The write's metadata: actor, comment and request id, recorded in history and the audit log. */
export const metaOf = (context: AdminContext, comment: string | undefined) => ({
  actor: context.caller.actor,
  keyId: context.caller.principal.keyId,
  requestId: context.requestId,
  ...(comment === undefined ? {} : { comment }),
});
