// The admin function's HTTP conventions: versions as ETags, `If-Match` required on every write
// (428 without, 412 with the current version when stale), the change comment, and one mapping of
// store outcomes to problems.

import { problem, type FieldError } from '../../shared/http/problem.ts';
import { queryParam } from '../../shared/http/query.ts';
import { sendJson, sendProblem } from '../../shared/http/send.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import type { Conflict, Invalid, NotFound } from '../../shared/store/results.ts';

export const etag = (version: number) => `"${version}"`;

export type IfMatch = { ok: true; version: number } | { ok: false; send: (res: HttpResponse) => void };

/** `If-Match: 3`, `"3"` or `W/"3"`; 0 means "must not exist yet". */
export function readIfMatch(request: HttpRequest): IfMatch {
  const raw = request.headers['if-match'];
  const m = typeof raw === 'string' ? /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw) : null;
  if (m) return { ok: true, version: Number(m[1]) };
  const detail = raw === undefined
    ? 'send "If-Match: <version>" with the version you read (its ETag), or 0 to create'
    : `If-Match must be one version number (the ETag you read), not ${JSON.stringify(raw)}`;
  return { ok: false, send: (res) => sendProblem(res, problem('PRECONDITION_REQUIRED', detail, [{ path: 'If-Match', code: 'REQUIRED', message: detail }])) };
}

export function sendStale(res: HttpResponse, currentVersion: number, what: string): void {
  const detail = currentVersion === 0 ? `${what} does not exist (any more); create it with If-Match: 0` : `${what} is at version ${currentVersion}; read it again and retry with If-Match: ${currentVersion}`;
  sendProblem(res, { ...problem('PRECONDITION_FAILED', detail), currentVersion }, { ETag: etag(currentVersion) });
}

export function sendNotFound(res: HttpResponse, what: string): void {
  sendProblem(res, problem('NOT_FOUND', `no ${what}`));
}

/** The comment of a change: the body's `comment`, else the `X-Change-Comment` header. */
export function commentOf(request: HttpRequest, body?: { comment?: string | undefined }): string | undefined {
  if (body?.comment !== undefined && body.comment.length > 0) return body.comment;
  const header = request.headers['x-change-comment'];
  return typeof header === 'string' && header.trim().length > 0 ? header.trim().slice(0, 2000) : undefined;
}

export const prefixed = (prefix: string, errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: `${prefix}${e.path}` }));

/** conflict -> 412, not_found -> 404, invalid -> 422 at the body's paths. */
export function sendRefusal(res: HttpResponse, result: Conflict | NotFound | Invalid, what: string, bodyPath = ''): void {
  if (result.reason === 'conflict') return sendStale(res, result.currentVersion, what);
  if (result.reason === 'not_found') return sendNotFound(res, what);
  sendProblem(res, problem('INVALID_DOCUMENT', `${what} is not valid`, prefixed(bodyPath, result.issues)));
}

/** `?force=true` (or 1): a save that breaks golden tests goes through, if it carries a comment. */
export function forceOf(request: HttpRequest): boolean {
  const force = queryParam(request, 'force');
  return force.ok && (force.value === 'true' || force.value === '1');
}

export function sendVersioned(res: HttpResponse, status: number, body: { version: number } & Record<string, unknown>): void {
  sendJson(res, status, body, { ETag: etag(body.version) });
}
