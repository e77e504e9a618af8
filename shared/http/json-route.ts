// A POST route with a JSON body: admit the request (the key, and what the function needs from
// it), read and check the body, then handle. Each failing step answers its own problem. The key is
// checked before a body larger than PRE_AUTH_BYTES is read (shared/http/body-reader.ts).

import type * as z from 'zod';
import { receiveJsonBody } from './body.ts';
import { then, type MaybePromise } from './maybe-async.ts';
import type { Route, RouteContext } from './router.ts';
import { sendProblem, type ProblemBody } from './send.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

export type Refusal = { readonly ok: false; readonly problem: ProblemBody; readonly headers?: Readonly<Record<string, string>> };

export type JsonRouteSpec<R extends { readonly ok: true } | Refusal, T> = {
  readonly path: string;
  readonly admit: (request: HttpRequest) => MaybePromise<R>;
  readonly schema: z.ZodType<T>;
  readonly limitBytes: number;
  readonly handle: (request: HttpRequest, response: HttpResponse, admitted: Extract<R, { ok: true }>, body: T, context: RouteContext) => Promise<void> | void;
};

export function jsonRoute<R extends { readonly ok: true } | Refusal, T>(spec: JsonRouteSpec<R, T>): Route {
  return {
    method: 'POST',
    path: spec.path,
    handler: (request, response, context) =>
      then(spec.admit(request), (admitted) => {
        if (!admitted.ok) return sendProblem(response, admitted.problem, admitted.headers);
        return then(receiveJsonBody(request, spec.schema, spec.limitBytes), (body) => {
          if (!body.ok) return sendProblem(response, body.problem);
          return spec.handle(request, response, admitted as Extract<R, { ok: true }>, body.value, context);
        });
      }),
  };
}
