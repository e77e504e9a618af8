// Writing answers: JSON with its content type always, problems as application/problem+json.
// `send` writes a handler's Reply (reply.ts) and is how routes answer; the sendX helpers below
// are its parts, used as they are where no handler runs (health, routing, framework errors) and by
// the routes still written by hand (the console's static files).

import { PROBLEM_CONTENT_TYPE, type ProblemBody } from './problem.ts';
import type { Reply, ReplyHeaders } from './reply.ts';
import type { HttpResponse } from './types.ts';
import { noteProblem } from '../telemetry/request-telemetry.ts';

export type { ProblemBody } from './problem.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

type HeaderMap = ReplyHeaders;

const NO_HEADERS: HeaderMap = Object.freeze({});

/** A for-in rather than Object.entries: no array per answer on the hot path. */
function setHeaders(res: HttpResponse, headers: HeaderMap): void {
  for (const name in headers) res.setHeader(name, headers[name]!);
}

export function sendJson(res: HttpResponse, status: number, body: unknown, headers: HeaderMap = NO_HEADERS): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** A body serialised already. */
export function sendJsonText(res: HttpResponse, status: number, text: string, headers: HeaderMap = NO_HEADERS): void {
  res.statusCode = status;
  setHeaders(res, headers);
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  // One end() with the whole body: Node sets Content-Length itself.
  res.end(text);
}

export function sendProblem(res: HttpResponse, problem: ProblemBody, headers: HeaderMap = NO_HEADERS): void {
  const text = JSON.stringify(problem);
  noteProblem(res, problem.code);
  res.statusCode = problem.status;
  setHeaders(res, headers);
  res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  res.end(text);
}

/** An answer without a body (304, 204). */
export function sendEmpty(res: HttpResponse, status: number, headers: HeaderMap = NO_HEADERS): void {
  res.statusCode = status;
  setHeaders(res, headers);
  res.end();
}

/**
 * Each chunk written as it comes. A failure while pulling reaches the caller (shared/http/
 * http-function.ts ends an answer whose head was written, and reports the error).
 */
async function sendStream(res: HttpResponse, reply: Extract<Reply, { kind: 'stream' }>): Promise<void> {
  res.statusCode = reply.status;
  setHeaders(res, reply.headers ?? NO_HEADERS);
  res.setHeader('Content-Type', reply.contentType);
  for await (const chunk of reply.chunks) res.write(chunk);
  res.end();
}

/** Writes a handler's answer: the one place a Reply becomes bytes. */
export function send(res: HttpResponse, reply: Reply): void | Promise<void> {
  switch (reply.kind) {
    case 'json':
      return sendJson(res, reply.status, reply.body, reply.headers);
    case 'json-text':
      return sendJsonText(res, reply.status, reply.text, reply.headers);
    case 'problem':
      return sendProblem(res, reply.problem, reply.headers);
    case 'empty':
      return sendEmpty(res, reply.status, reply.headers);
    case 'stream':
      return sendStream(res, reply);
  }
}
