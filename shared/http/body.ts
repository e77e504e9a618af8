// Reading a JSON request body: content type, size, depth and shape, each failing with its own
// problem. The Functions Framework has already parsed the bytes; its parse errors arrive through
// framework-errors.ts.

import type * as z from 'zod';
import { parseWithSchema } from '../rules/index.ts';
import { nestsDeeperThan } from './json-depth.ts';
import { problem, type Problem } from './problem.ts';
import type { HttpRequest } from './types.ts';

/** JSON deeper than this is refused before any recursive code sees it. */
export const MAX_BODY_DEPTH = 64;

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_TYPE.test(header);
}

/** The request's JSON body, checked against `schema`; `limitBytes` is this route's body limit. */
export function readJsonBody<T>(request: HttpRequest, schema: z.ZodType<T>, limitBytes: number): BodyResult<T> {
  const size = request.rawBody?.length ?? 0;
  if (size > limitBytes) {
    return { ok: false, problem: problem('BODY_TOO_LARGE', `the body is ${size} bytes; this endpoint accepts at most ${limitBytes}`) };
  }
  if (size === 0) return { ok: false, problem: problem('INVALID_BODY', 'the request needs a JSON body', [{ path: '', code: 'REQUIRED', message: 'a JSON object is required' }]) };
  if (!isJsonContentType(request.headers['content-type'])) {
    return { ok: false, problem: problem('UNSUPPORTED_MEDIA_TYPE', `send the body as application/json, not ${request.headers['content-type'] ?? 'without a content type'}`) };
  }
  const body: unknown = request.body;
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
    return { ok: false, problem: problem('BODY_TOO_DEEP', `the body nests deeper than ${MAX_BODY_DEPTH} levels`) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: problem('INVALID_BODY', 'the body must be a JSON object', [{ path: '', code: 'INVALID_TYPE', message: 'expected a JSON object' }]) };
  }
  const parsed = parseWithSchema(schema, body);
  if (!parsed.ok) return { ok: false, problem: problem('INVALID_BODY', parsed.issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), parsed.issues) };
  return { ok: true, value: parsed.value };
}
