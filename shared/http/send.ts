// Writing answers: JSON with its content type always, problems as application/problem+json.

import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.ts';
import type { HttpResponse } from './types.ts';
import { noteProblem } from '../telemetry/request-telemetry.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: HttpResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** A body serialised already. */
export function sendJsonText(res: HttpResponse, status: number, text: string, headers: Readonly<Record<string, string>> = NO_HEADERS): void {
  res.statusCode = status;
  if (headers !== NO_HEADERS) for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  // One end() with the whole body: Node sets Content-Length itself.
  res.end(text);
}

/** RFC 9457 allows extension members (OFREP's `key`, `errorCode`, `errorDetails` among them). */
export type ProblemBody = Problem & { readonly [extension: string]: unknown };

export function sendProblem(res: HttpResponse, problem: ProblemBody, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(problem);
  noteProblem(res, problem.code);
  res.statusCode = problem.status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  res.end(text);
}

/** An answer without a body (304, 204). */
export function sendEmpty(res: HttpResponse, status: number, headers: Readonly<Record<string, string>> = {}): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end();
}
