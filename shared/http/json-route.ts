// A POST route with a JSON body: admit the request (the key, and what the function needs from
// it), read and check the body, then handle. Each failing step answers its own problem. The key is
// checked before a body larger than PRE_AUTH_BYTES is read (shared/http/body-reader.ts).

import type * as z from 'zod';
import { receiveJsonBody } from './body.ts';
import { then, type MaybePromise } from './maybe-async.ts';
import type { ProblemBody } from './problem.ts';
import { reply, type Reply, type ReplyHeaders } from './reply.ts';
import { route, type ReplyRoute, type RouteContext } from './router.ts';
import type { HttpRequest } from './types.ts';

export type Refusal = { readonly ok: false; readonly problem: ProblemBody; readonly headers?: ReplyHeaders };

export type JsonRouteSpec<R extends { readonly ok: true } | Refusal, T> = {
  readonly path: string;
  readonly admit: (request: HttpRequest) => MaybePromise<R>;
  readonly schema: z.ZodType<T>;
  readonly limitBytes: number;
  /** Runs once the caller is admitted and the body fits `schema`; answers a Reply. */
  readonly handle: (request: HttpRequest, admitted: Extract<R, { ok: true }>, body: T, context: RouteContext) => MaybePromise<Reply>;
};

export function jsonRoute<R extends { readonly ok: true } | Refusal, T>(spec: JsonRouteSpec<R, T>): ReplyRoute {
  return route('POST', spec.path, (request, context) =>
    then(spec.admit(request), (admitted) => {
      if (!admitted.ok) return reply.problem(admitted.problem, admitted.headers);
      return then(receiveJsonBody(request, spec.schema, spec.limitBytes), (body) => {
        if (!body.ok) return reply.problem(body.problem);
        return spec.handle(request, admitted as Extract<R, { ok: true }>, body.value, context);
      });
    }),
  );
}
