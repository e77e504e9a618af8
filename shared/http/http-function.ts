// One HTTP function: request id, CORS, health endpoints, routing, and a problem for anything
// that escapes a handler. Each functions/<name>/index.ts registers one of these.

import { applyCors, type CorsPolicy } from './cors.ts';
import { problem } from './problem.ts';
import { requestIdOf } from './request-id.ts';
import { createRouter, type Route } from './router.ts';
import { sendJson, sendProblem } from './send.ts';
import type { MaybePromise } from './maybe-async.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

export type ReadinessCheck = { readonly name: string; readonly check: () => Promise<void> };

export type HttpFunctionOptions = {
  readonly name: string;
  readonly routes: readonly Route[];
  readonly cors: CorsPolicy;
  readonly readiness?: readonly ReadinessCheck[];
  /** Where unexpected errors are reported; the answer never carries their details. */
  readonly onError?: (error: unknown, requestId: string) => void;
};

async function readiness(checks: readonly ReadinessCheck[]) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await check();
        return { name, status: 'ok' as const, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
      } catch (error) {
        return { name, status: 'down' as const, latencyMs: Math.round((performance.now() - started) * 100) / 100, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { ready: results.every((r) => r.status === 'ok'), checks: results };
}

export function createHttpFunction(options: HttpFunctionOptions): (request: HttpRequest, response: HttpResponse) => MaybePromise<void> {
  const route = createRouter(options.routes);
  const report = options.onError ?? ((error, requestId) => console.error(JSON.stringify({ severity: 'ERROR', message: `${options.name}: ${error instanceof Error ? error.stack : String(error)}`, requestId })));
  const fail = (error: unknown, requestId: string, response: HttpResponse) => {
    report(error, requestId);
    if (!response.headersSent) sendProblem(response, { ...problem('INTERNAL', `the request failed; quote request id ${requestId}`), instance: requestId });
    else response.end();
  };
  return (request, response) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    response.setHeader('X-Request-Id', requestId);
    try {
      if (applyCors(options.cors, request, response)) return;
      if (request.method === 'GET' && request.path === '/healthz') return sendJson(response, 200, { status: 'ok', function: options.name });
      if (request.method === 'GET' && request.path === '/readyz') {
        return readiness(options.readiness ?? []).then((state) => {
          sendJson(response, state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', function: options.name, checks: state.checks });
        });
      }
      const match = route(request.method, request.path);
      if (!match.ok) return sendProblem(response, match.problem, match.allow ? { Allow: match.allow } : {});
      const handled = match.route.handler(request, response, { params: match.params, requestId });
      // A warm request finishes synchronously; one that waited on a store reports its failure here.
      if (handled instanceof Promise) return handled.catch((error: unknown) => fail(error, requestId, response));
    } catch (error) {
      fail(error, requestId, response);
    }
  };
}
