// One HTTP function: request id, the request's telemetry scope (one log line and the HTTP
// metrics per request), CORS, health endpoints, routing, and a classified problem for anything
// that escapes a handler. Each functions/<name>/index.ts registers one of these.

import { applyCors, type CorsPolicy } from './cors.ts';
import { problem } from './problem.ts';
import { requestIdOf } from './request-id.ts';
import { createRouter, type Route } from './router.ts';
import { sendJson, sendProblem } from './send.ts';
import type { MaybePromise } from './maybe-async.ts';
import type { HttpRequest, HttpResponse } from './types.ts';
import { classifyError, errorReportFields } from '../telemetry/errors.ts';
import { beginRequest, type RequestTelemetry } from '../telemetry/request-telemetry.ts';
import type { Telemetry } from '../telemetry/telemetry.ts';

export type ReadinessCheck = { readonly name: string; readonly check: () => Promise<void> };

export type HttpFunctionOptions = {
  readonly name: string;
  readonly routes: readonly Route[];
  readonly cors: CorsPolicy;
  readonly readiness?: readonly ReadinessCheck[];
  /** Also told of every error that escapes a handler (after it is logged); the answer never carries its details. */
  readonly onError?: (error: unknown, requestId: string) => void;
  /** The logger and recorder, from the function's composition root. */
  readonly telemetry: Telemetry;
};

/** Logs an escaped error by its kind: a bug in Error Reporting's format, the rest as plain lines. */
function reportError(error: unknown, scope: RequestTelemetry, telemetry: Telemetry, request: HttpRequest) {
  const kind = classifyError(error);
  scope.errorCode = kind.code;
  const message = error instanceof Error ? error.message : String(error);
  if (kind.kind === 'client') scope.log.warn(`client error: ${message}`, { errorKind: 'client' });
  else if (kind.kind === 'dependency') {
    telemetry.metrics.count('dependency_failures', { function: telemetry.function, dependency: kind.dependency ?? 'unknown' });
    scope.log.error(`dependency failed: ${message}`, { errorKind: 'dependency', dependency: kind.dependency ?? 'unknown' });
  } else {
    const userAgent = request.headers['user-agent'];
    const httpRequest = { method: request.method, url: request.path, responseStatusCode: 500, ...(typeof userAgent === 'string' ? { userAgent } : {}) };
    scope.log.error(message, errorReportFields(error, { service: telemetry.function, version: telemetry.version, httpRequest }));
  }
  return kind;
}

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
  const { telemetry } = options;
  const fail = (error: unknown, scope: RequestTelemetry, request: HttpRequest, response: HttpResponse) => {
    const kind = reportError(error, scope, telemetry, request);
    options.onError?.(error, scope.requestId);
    const detail = kind.kind === 'dependency' ? `a service this function depends on failed; retry later (request id ${scope.requestId})` : kind.kind === 'client' ? `the request could not be read (request id ${scope.requestId})` : `the request failed; quote request id ${scope.requestId}`;
    if (!response.headersSent) sendProblem(response, { ...problem(kind.code, detail), instance: scope.requestId });
    else response.end();
  };
  return (request, response) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    response.setHeader('X-Request-Id', requestId);
    // Every answer of every status (problems, 204, 304, health): no browser sniffs a JSON body into HTML.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const scope = beginRequest(telemetry, request, response, requestId);
    try {
      if (applyCors(options.cors, request, response)) return;
      // Express computes `path` on every read.
      const path = request.path;
      if (request.method === 'GET' && path === '/healthz') {
        scope.route = '/healthz';
        return sendJson(response, 200, { status: 'ok', function: options.name });
      }
      if (request.method === 'GET' && path === '/readyz') {
        scope.route = '/readyz';
        return readiness(options.readiness ?? []).then((state) => {
          sendJson(response, state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', function: options.name, checks: state.checks });
        });
      }
      const match = route(request.method, path);
      if (!match.ok) {
        scope.errorCode = match.problem.code;
        return sendProblem(response, match.problem, match.allow ? { Allow: match.allow } : {});
      }
      scope.route = match.route.path;
      const handled = match.route.handler(request, response, { params: match.params, requestId, telemetry: scope });
      // A warm request finishes synchronously; one that waited on a store reports its failure here.
      if (handled instanceof Promise) return handled.catch((error: unknown) => fail(error, scope, request, response));
    } catch (error) {
      fail(error, scope, request, response);
    }
  };
}
