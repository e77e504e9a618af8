// Writing answers: JSON with its content type always, problems as application/problem+json.

import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.ts';
import type { HttpResponse } from './types.ts';
import { noteProblem } from '../telemetry/request-telemetry.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

type HeaderMap = Readonly<Record<string, string>>;

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

/** RFC 9457 allows extension members (OFREP's `key`, `errorCode`, `errorDetails` among them). */
export type ProblemBody = Problem & { readonly [extension: string]: unknown };

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
