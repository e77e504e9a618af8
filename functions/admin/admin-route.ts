// Every admin route: the caller admitted for what the route needs (read, write or manage), then
// the handler. A store that throws (Firestore unreachable) answers 503: nothing was acknowledged.

import type { z } from 'zod';
import { readJsonBody } from '../../shared/http/body.ts';
import { problem } from '../../shared/http/problem.ts';
import type { Route, RouteContext } from '../../shared/http/router.ts';
import { sendProblem } from '../../shared/http/send.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import { admitCaller, type Caller, type Need } from './access.ts';
import type { AdminDeps } from './deps.ts';

export type AdminContext = RouteContext & { readonly caller: Caller };
export type AdminHandler = (request: HttpRequest, response: HttpResponse, context: AdminContext) => Promise<void> | void;

/** A document is at most 256 KiB; a write body holds one and a comment. */
export const WRITE_BODY_BYTES = 512 * 1024;

export function adminRoute(deps: AdminDeps, method: string, path: string, need: Need, handle: AdminHandler): Route {
  return {
    method,
    path,
    handler: async (request, response, context) => {
      const access = await admitCaller(request, deps, need);
      if (!access.ok) return sendProblem(response, access.problem);
      try {
        await handle(request, response, { ...context, caller: access.caller });
      } catch (error) {
        if (response.headersSent) throw error;
        console.error(JSON.stringify({ severity: 'ERROR', message: `admin: ${error instanceof Error ? error.stack : String(error)}`, requestId: context.requestId }));
        sendProblem(response, { ...problem('UNAVAILABLE', `the store did not answer; nothing was written unless a later read shows it (request id ${context.requestId})`), instance: context.requestId });
      }
    },
  };
}

/** The body checked against `schema`, or the problem answered and undefined returned. */
export function bodyOf<T>(request: HttpRequest, response: HttpResponse, schema: z.ZodType<T>, limitBytes = WRITE_BODY_BYTES): T | undefined {
  const body = readJsonBody(request, schema, limitBytes);
  if (body.ok) return body.value;
  sendProblem(response, body.problem);
  return undefined;
}

/** The write's metadata: actor, comment and request id, recorded in history and the audit log. */
export const metaOf = (context: AdminContext, comment: string | undefined) => ({
  actor: context.caller.actor,
  requestId: context.requestId,
  ...(comment === undefined ? {} : { comment }),
});
