// Reading a JSON request body: content type, size, depth and shape, each failing with its own
// problem. The bytes come from body-reader.ts (limits counted on the bytes read and decoded);
// this file turns them into a checked value.

import type * as z from 'zod';
import { parseWithSchema } from '../rules/index.ts';
import { bodyReaderOf, PRE_AUTH_BYTES, type BodyOutcome } from './body-reader.ts';
import { nestsDeeperThan } from './json-depth.ts';
import { then, type MaybePromise } from './maybe-async.ts';
import { problem, type Problem } from './problem.ts';
import type { HttpRequest } from './types.ts';

/** JSON deeper than this is refused before any recursive code sees it. */
export const MAX_BODY_DEPTH = 64;

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_TYPE.test(header);
}

/** Whether the request says it carries a body (a non-zero length, or chunks). */
export function hasBody(request: HttpRequest): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined ? Number(length) > 0 : (request.rawBody?.length ?? 0) > 0;
}

/** The decoded bytes of the body, at most `limitBytes` of them, read now if they are not yet. */
export function readBodyBytes(request: HttpRequest, limitBytes: number): MaybePromise<BodyOutcome> {
  const reader = bodyReaderOf(request);
  if (reader) return reader.read(limitBytes);
  // Requests made in process (benchmarks) carry their bytes already.
  const bytes = request.rawBody ?? Buffer.alloc(0);
  return bytes.length > limitBytes ? { kind: 'too_large', limit: limitBytes, size: bytes.length } : { kind: 'complete', bytes };
}

/** What can be refused before reading: a missing body, a content type or charset that is not JSON. */
function refusedUnread(request: HttpRequest): Problem | undefined {
  if (!hasBody(request)) return problem('INVALID_BODY', 'the request needs a JSON body', [{ path: '', code: 'REQUIRED', message: 'a JSON object is required' }]);
  const type = request.headers['content-type'];
  if (!isJsonContentType(type)) return problem('UNSUPPORTED_MEDIA_TYPE', `send the body as application/json, not ${type ?? 'without a content type'}`);
  const charset = CHARSET.exec(type!)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return problem('UNSUPPORTED_MEDIA_TYPE', `send JSON as UTF-8, not ${charset}`);
  return undefined;
}

function problemOf(outcome: Exclude<BodyOutcome, { kind: 'complete' }>): Problem {
  switch (outcome.kind) {
    case 'too_large':
      return problem('BODY_TOO_LARGE', outcome.size === undefined ? `the body is more than ${outcome.limit} bytes (counted as read and decoded); this endpoint accepts at most ${outcome.limit}` : `the body is ${outcome.size} bytes; this endpoint accepts at most ${outcome.limit}`);
    case 'corrupt':
      return problem('INVALID_BODY', outcome.message, [{ path: '', code: 'CORRUPT_ENCODING', message: outcome.message }]);
    case 'aborted':
      return problem('INVALID_BODY', 'the body was not received whole');
    case 'busy':
      return problem('UNAVAILABLE', 'this instance is receiving as many large bodies as it may hold at once; retry in a second');
  }
}

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  if (bytes.length === 0) return { ok: false, problem: problem('INVALID_BODY', 'the request needs a JSON body', [{ path: '', code: 'REQUIRED', message: 'a JSON object is required' }]) };
  const text = bytes.toString('utf8');
  try {
    // A byte order mark is legal before JSON text in UTF-8 and JSON.parse refuses it.
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    return { ok: false, problem: problem('MALFORMED_JSON', `the body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`) };
  }
}

function checkBody<T>(request: HttpRequest, bytes: Buffer, schema: z.ZodType<T>): BodyResult<T> {
  const parsed = parseJson(bytes);
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  // The request line's debug body (shared/telemetry) reads it from here.
  (request as { body?: unknown }).body = body;
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
    return { ok: false, problem: problem('BODY_TOO_DEEP', `the body nests deeper than ${MAX_BODY_DEPTH} levels`) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const what = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
    return { ok: false, problem: problem('INVALID_BODY', `the body must be a JSON object, not ${what}`, [{ path: '', code: 'INVALID_TYPE', message: 'expected a JSON object' }]) };
  }
  const checked = parseWithSchema(schema, body);
  if (!checked.ok) return { ok: false, problem: problem('INVALID_BODY', checked.issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), checked.issues) };
  return { ok: true, value: checked.value };
}

/**
 * The request's JSON body, checked against `schema`; `limitBytes` is this route's body limit, on
 * the decoded bytes. Call it once the caller is admitted: past PRE_AUTH_BYTES it reads the rest.
 */
export function receiveJsonBody<T>(request: HttpRequest, schema: z.ZodType<T>, limitBytes: number): MaybePromise<BodyResult<T>> {
  const refused = refusedUnread(request);
  if (refused) return { ok: false, problem: refused };
  return then(readBodyBytes(request, limitBytes), (outcome): BodyResult<T> => (outcome.kind === 'complete' ? checkBody(request, outcome.bytes, schema) : { ok: false, problem: problemOf(outcome) }));
}

/** receiveJsonBody for a small limit, which the bytes read before routing always settle: no waiting. */
export function readJsonBody<T>(request: HttpRequest, schema: z.ZodType<T>, limitBytes: number): BodyResult<T> {
  if (limitBytes > PRE_AUTH_BYTES) throw new RangeError(`readJsonBody is for limits up to ${PRE_AUTH_BYTES} bytes; use receiveJsonBody for ${limitBytes}`);
  const result = receiveJsonBody(request, schema, limitBytes);
  if (result instanceof Promise) throw new Error('a body within PRE_AUTH_BYTES was not read before routing');
  return result;
}
