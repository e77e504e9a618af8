// The admin function's HTTP conventions: versions as ETags, `If-Match` required on every write
// (428 without, 412 with the current version when stale), the change comment, and one mapping of
// store outcomes to problems. Each answer is a Reply for the handler to return.

import { problem, type FieldError, type Problem } from '../../shared/http/problem.ts';
import { queryParam } from '../../shared/http/query.ts';
import { reply, type Reply } from '../../shared/http/reply.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import type { Conflict, Invalid, NotFound } from '../../shared/store/results.ts';

export const etag = (version: number) => `"${version}"`;

/** The version a write expects, or the 428 to return. */
export type IfMatch = { ok: true; version: number } | { ok: false; problem: Problem };

/** `If-Match: 3`, `"3"` or `W/"3"`; 0 means "must not exist yet". */
export function readIfMatch(request: HttpRequest): IfMatch {
  const raw = request.headers['if-match'];
  const m = typeof raw === 'string' ? /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw) : null;
  if (m) return { ok: true, version: Number(m[1]) };
  const detail = raw === undefined
    ? 'send "If-Match: <version>" with the version you read (its ETag), or 0 to create'
    : `If-Match must be one version number (the ETag you read), not ${JSON.stringify(raw)}`;
  return { ok: false, problem: problem('PRECONDITION_REQUIRED', detail, [{ path: 'If-Match', code: 'REQUIRED', message: detail }]) };
}

/** 412 with the current version (also as ETag), for a writer that read an older one. */
export function replyStale(currentVersion: number, what: string): Reply {
  const detail = currentVersion === 0 ? `${what} does not exist (any more); create it with If-Match: 0` : `${what} is at version ${currentVersion}; read it again and retry with If-Match: ${currentVersion}`;
  return reply.problem({ ...problem('PRECONDITION_FAILED', detail), currentVersion }, { ETag: etag(currentVersion) });
}

export function replyNotFound(what: string): Reply {
  return reply.problem(problem('NOT_FOUND', `no ${what}`));
}

/** The comment of a change: the body's `comment`, else the `X-Change-Comment` header. */
export function commentOf(request: HttpRequest, body?: { comment?: string | undefined }): string | undefined {
  if (body?.comment !== undefined && body.comment.length > 0) return body.comment;
  const header = request.headers['x-change-comment'];
  return typeof header === 'string' && header.trim().length > 0 ? header.trim().slice(0, 2000) : undefined;
}

export const prefixed = (prefix: string, errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: `${prefix}${e.path}` }));

/** conflict -> 412, not_found -> 404, invalid -> 422 at the body's paths. */
export function replyRefusal(result: Conflict | NotFound | Invalid, what: string, bodyPath = ''): Reply {
  if (result.reason === 'conflict') return replyStale(result.currentVersion, what);
  if (result.reason === 'not_found') return replyNotFound(what);
  return reply.problem(problem('INVALID_DOCUMENT', `${what} is not valid`, prefixed(bodyPath, result.issues)));
}

/** `?force=true` (or 1): a save that breaks golden tests goes through, if it carries a comment. */
export function forceOf(request: HttpRequest): boolean {
  const force = queryParam(request, 'force');
  return force.ok && (force.value === 'true' || force.value === '1');
}

/** A document's answer, its version as ETag. */
export function replyVersioned(status: number, body: { version: number } & Record<string, unknown>): Reply {
  return reply.json(status, body, { ETag: etag(body.version) });
}
