// Calling a route's handler the way the function would, without a server: a plain request (its
// body as the bytes a client would send), a route context, and the Reply the handler returns,
// read back as JSON or as the text a stream would write.

import assert from 'node:assert/strict';
import type { Logger } from '../../shared/telemetry/logger.ts';
import type { Reply } from '../../shared/http/reply.ts';
import type { ReplyRoute, RouteContext } from '../../shared/http/router.ts';
import type { HttpRequest } from '../../shared/http/types.ts';

export type RequestOptions = {
  readonly method?: string;
  /** The path as routed, with a query string if any (`/v1/keys?kind=sdk`). */
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON (`application/json`), unless a string, which is sent as it is. */
  readonly body?: unknown;
  /** `Authorization: Bearer <key>`. */
  readonly key?: string;
};

export function aRequest(options: RequestOptions = {}): HttpRequest {
  const url = options.path ?? '/';
  const [path, search] = url.split('?', 2) as [string, string | undefined];
  const headers: Record<string, string> = { ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }), ...options.headers };
  let rawBody: Buffer | undefined;
  if (options.body !== undefined) {
    rawBody = Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(rawBody.length);
  }
  return { method: options.method ?? 'GET', path, url, query: Object.fromEntries(new URLSearchParams(search ?? '')), headers, ...(rawBody ? { rawBody } : {}) };
}

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  enabled: () => false,
  request: () => undefined,
  child: () => quiet,
  ready: async () => undefined,
};

export function aRouteContext(params: Record<string, string> = {}): RouteContext {
  return { params, requestId: 'test-request', telemetry: { requestId: 'test-request', log: quiet, route: undefined, keyId: undefined, errorCode: undefined } };
}

/** The Reply of `route` for `request`, with the path's parameters given as `params`. */
export async function replyOf(route: ReplyRoute, request: HttpRequest, params: Record<string, string> = {}): Promise<Reply> {
  return await route.handle(request, aRouteContext(params));
}

/** The body a client would parse: the JSON, the problem, or the streamed text parsed. */
export async function bodyOf(answer: Reply): Promise<unknown> {
  switch (answer.kind) {
    case 'json':
      return answer.body;
    case 'json-text':
      return JSON.parse(answer.text);
    case 'problem':
      return answer.problem;
    case 'empty':
      return undefined;
    case 'stream':
      return JSON.parse(await streamedText(answer));
  }
}

export async function streamedText(answer: Reply): Promise<string> {
  assert.equal(answer.kind, 'stream');
  let text = '';
  for await (const chunk of (answer as Extract<Reply, { kind: 'stream' }>).chunks) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}

/** The problem's code, failing when the Reply is not a problem. */
export function problemCode(answer: Reply): string {
  assert.equal(answer.kind, 'problem', `expected a problem, got ${answer.kind} ${answer.status}`);
  return (answer as Extract<Reply, { kind: 'problem' }>).problem.code;
}
