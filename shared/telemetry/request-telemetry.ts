// The request middleware of every function: a request scope (request id, trace, the key that
// called), one log line per request when the response closes, HTTP metrics, and debug bodies.
// PERFORMANCE NOTE: no promise and no await: a listener on the response's 'close' event does the
// work after the answer is written, so the evaluate function's warm path stays synchronous.

import type { LogFields, Logger } from './logger.ts';
import { bodyMasker, maskHeaders, type BodyMasker } from './mask.ts';
import type { Telemetry } from './telemetry.ts';
import { traceOf, type TraceContext } from './trace.ts';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** What the request line reads of a request: a slice of shared/http/types.ts's HttpRequest. */
type HttpRequest = {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body?: unknown;
  readonly rawBody?: Buffer;
  readonly ip?: string;
  readonly socket?: { readonly bytesWritten: number } | null;
};
type HttpResponse = ServerResponse;

export type AuthFailureReason = 'missing' | 'invalid' | 'wrong_kind' | 'forbidden' | 'throttled';

/** What handlers may tell the request line; `log` writes with the request id and trace. */
export type RequestTelemetry = {
  readonly requestId: string;
  readonly log: Logger;
  /** The route pattern that matched (`/ofrep/v1/evaluate/flags/:key`). */
  route: string | undefined;
  /** The authenticated key, set by shared/http/auth.ts. */
  keyId: string | undefined;
  /** The problem code of an error answer, when the code that sent it knows one. */
  errorCode: string | undefined;
};

/**
 * The scope rides on the request and on the response (auth sees the request, sending a problem
 * the response) under a symbol. PERFORMANCE NOTE: not a WeakMap: its entries are ephemerons that
 * every garbage collection has to trace, a cost paid per request on the evaluate path.
 */
const SCOPE = Symbol('switchyard.requestScope');
type Scoped = { [SCOPE]?: RequestScope };
const scopeOf = (carrier: object): RequestScope | undefined => (carrier as Scoped)[SCOPE];

class RequestScope implements RequestTelemetry {
  route: string | undefined = undefined;
  keyId: string | undefined = undefined;
  errorCode: string | undefined = undefined;
  /** The connection's bytes written before this answer: the answer's size is the difference. */
  bytesBefore = 0;
  responseBody: string | undefined = undefined;
  private bound: Logger | undefined;
  readonly requestId: string;
  readonly telemetry: Telemetry;
  readonly trace: TraceContext | undefined;
  constructor(requestId: string, telemetry: Telemetry, trace: TraceContext | undefined) {
    this.requestId = requestId;
    this.telemetry = telemetry;
    this.trace = trace;
  }
  get log(): Logger {
    return (this.bound ??= this.telemetry.logger.child({ requestId: this.requestId, trace: this.trace }));
  }
}

/** The scope of a request in flight, for code that has the request but not the route context. */
export function requestScope(request: HttpRequest): RequestTelemetry | undefined {
  return scopeOf(request);
}

export function noteKey(request: HttpRequest, keyId: string): void {
  const scope = scopeOf(request);
  if (scope) scope.keyId = keyId;
}

export function noteProblem(response: HttpResponse, code: string): void {
  const scope = scopeOf(response);
  if (scope) scope.errorCode ??= code;
}

export function noteAuthFailure(request: HttpRequest, reason: AuthFailureReason): void {
  const scope = scopeOf(request);
  if (scope) scope.telemetry.metrics.count('auth_failures', { function: scope.telemetry.function, reason });
}

export function noteRateLimit(request: HttpRequest, keyId: string, allowed: boolean): void {
  const scope = scopeOf(request);
  if (!scope) return;
  const labels = { function: scope.telemetry.function, key_id: keyId };
  scope.telemetry.metrics.count('rate_limit_hits', labels);
  if (!allowed) scope.telemetry.metrics.count('rate_limit_rejections', labels);
}

const maskers = new WeakMap<Telemetry, BodyMasker>();

/** At debug, keeps the first `keepChars` characters of the answer for the request line. */
function keepBody(response: HttpResponse, scope: RequestScope, keepChars: number): void {
  const write = response.write;
  const end = response.end;
  const keep = (chunk: unknown) => {
    if ((scope.responseBody?.length ?? 0) < keepChars && chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      scope.responseBody = (scope.responseBody ?? '') + (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    }
  };
  response.write = function (this: HttpResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as HttpResponse['write'];
  response.end = function (this: HttpResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk);
    return (end as (...a: unknown[]) => HttpResponse).call(this, chunk, ...rest);
  } as HttpResponse['end'];
}

function header(request: HttpRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function finish(scope: RequestScope, request: HttpRequest, response: HttpResponse, started: number): void {
  const latencyMs = performance.now() - started;
  const status = response.writableFinished ? response.statusCode : 499;
  const { telemetry } = scope;
  const route = scope.route ?? 'unmatched';
  const health = route === '/healthz' || route === '/readyz';
  telemetry.metrics.count('http_requests', { function: telemetry.function, route, status: String(status) });
  telemetry.metrics.observe('http_latency', { function: telemetry.function, route }, latencyMs);
  if (status >= 400) telemetry.metrics.count('errors', { function: telemetry.function, code: scope.errorCode ?? `HTTP_${status}`, kind: status >= 500 ? (status === 503 ? 'dependency' : 'bug') : 'client' });
  const level = health ? 'debug' : status >= 500 ? 'warn' : 'info';
  // The root logger with the scope's fields: no child logger is made for the line alone.
  const log = telemetry.logger;
  if (!log.enabled(level)) return;
  const requestSize = Number(header(request, 'content-length') ?? request.rawBody?.byteLength ?? 0);
  const userAgent = header(request, 'user-agent');
  // Built by assignment, not conditional spreads: this runs once per request.
  const httpRequest: Record<string, unknown> = {
    requestMethod: request.method,
    requestUrl: request.path,
    status,
    requestSize: String(requestSize),
    // Headers and body, as Cloud Logging defines responseSize; read off the connection, so
    // nothing has to wrap the response's write and end.
    responseSize: String(Math.max(0, (request.socket?.bytesWritten ?? 0) - scope.bytesBefore)),
    latency: `${(latencyMs / 1000).toFixed(6)}s`,
  };
  if (userAgent !== undefined) httpRequest.userAgent = userAgent;
  const remoteIp = request.ip;
  if (remoteIp !== undefined) httpRequest.remoteIp = remoteIp;
  const fields: Record<string, unknown> = { httpRequest, route, latencyMs: Math.round(latencyMs * 1000) / 1000 };
  if (scope.keyId !== undefined) fields.keyId = scope.keyId;
  if (scope.errorCode !== undefined) fields.errorCode = scope.errorCode;
  if (log.enabled('debug') && !health) {
    let masker = maskers.get(telemetry);
    if (!masker) maskers.set(telemetry, (masker = bodyMasker(telemetry.settings)));
    fields.requestHeaders = maskHeaders(request.headers);
    if (request.body !== undefined && !(request.body instanceof Buffer)) fields.requestBody = masker(request.body);
    if (scope.responseBody !== undefined) fields.responseBody = masker(scope.responseBody);
  }
  log.request(level, `${request.method} ${route} ${status}`, fields as LogFields, scope);
}

/** Opens the scope of one request; its line is written when the response closes. */
export function beginRequest(telemetry: Telemetry, request: HttpRequest, response: HttpResponse, requestId: string): RequestTelemetry {
  const started = performance.now();
  const scope = new RequestScope(requestId, telemetry, traceOf(request.headers));
  scope.bytesBefore = request.socket?.bytesWritten ?? 0;
  (request as Scoped)[SCOPE] = scope;
  (response as Scoped)[SCOPE] = scope;
  if (telemetry.logger.enabled('debug')) keepBody(response, scope, telemetry.settings.bodyChars + 1);
  // 'close' comes once per response; `on` spares the wrapper `once` makes.
  response.on('close', () => finish(scope, request, response, started));
  return scope;
}
