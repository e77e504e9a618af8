// A small router: method and path pattern (`/ofrep/v1/evaluate/flags/:key`) to a handler, with
// 404 and 405 answered as problems.
//
// The shape of a route (how every function's routes are written):
//   route('GET', '/v1/things/:id', (request, context) => reply.json(200, { id: context.params.id }))
// A Handler takes the request and its context and returns a Reply (reply.ts), or a promise of one
// when it waits for a store; `route` pairs it with the one `send` that writes it. Routes built on
// it (jsonRoute for POST bodies, the admin function's adminRoute) keep the handler as `handle`, so
// a test calls `route.handle(request, context)` and reads the Reply, without a server.

import type { MaybePromise } from './maybe-async.ts';
import { problem, type Problem } from './problem.ts';
import type { Reply } from './reply.ts';
import { send } from './send.ts';
import type { HttpRequest, HttpResponse } from './types.ts';
import type { RequestTelemetry } from '../telemetry/request-telemetry.ts';

/** `telemetry` is the request's scope: its logger, and what the request line should say (the caller's key). */
export type RouteContext = { readonly params: Readonly<Record<string, string>>; readonly requestId: string; readonly telemetry: RequestTelemetry };

/** What a route does: the request and its context in, the answer out as a value. */
export type Handler = (request: HttpRequest, context: RouteContext) => MaybePromise<Reply>;

/**
 * What the function runs (shared/http/http-function.ts): it writes to the response itself. Written
 * by hand only where the answer cannot be a value: the console's static files, and the streams
 * function's SSE connections, which stay open and are written to for as long as they last.
 */
export type RouteHandler = (request: HttpRequest, response: HttpResponse, context: RouteContext) => Promise<void> | void;
export type Route = { readonly method: string; readonly path: string; readonly handler: RouteHandler };

/** A route answered by a Handler; `handle` is there to be called directly (tests). */
export type ReplyRoute = Route & { readonly handle: Handler };

/**
 * The route for `handle`. PERFORMANCE NOTE: a Reply ready at once is sent at once, with no promise
 * and no closure, so a warm evaluate request still creates no promise.
 */
export function route(method: string, path: string, handle: Handler): ReplyRoute {
  const handler: RouteHandler = (request, response, context) => {
    const answer = handle(request, context);
    if (answer instanceof Promise) return answer.then((ready) => send(response, ready));
    return send(response, answer);
  };
  return { method, path, handle, handler };
}

type Compiled = Route & { readonly segments: readonly string[] };

export type Match = { ok: true; route: Route; params: Record<string, string> } | { ok: false; problem: Problem; allow?: string };

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(a);
      } catch {
        return undefined;
      }
    } else if (p !== a) return undefined;
  }
  return params;
}

export function createRouter(routes: readonly Route[]): (method: string, path: string) => Match {
  const compiled: Compiled[] = routes.map((r) => ({ ...r, segments: split(r.path) }));
  return (method, path) => {
    const actual = split(path);
    const allowed: string[] = [];
    for (const route of compiled) {
      const params = matchSegments(route.segments, actual);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { ok: true, route, params };
      allowed.push(route.method);
    }
    if (allowed.length > 0) return { ok: false, problem: problem('METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allowed.join(' or ')}`), allow: allowed.join(', ') };
    return { ok: false, problem: problem('NOT_FOUND', `no route for ${method} ${path}`) };
  };
}
