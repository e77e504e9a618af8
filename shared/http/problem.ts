// RFC 9457 problem details: every error answer of every function, with a stable code, the HTTP
// status it maps to (one table), and the JSON paths of what was wrong.

export const API_ERROR_CODES = [
  'MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE', 'BODY_TOO_DEEP', 'INVALID_BODY', 'INVALID_QUERY', 'INVALID_PATH',
  'UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'TOO_MANY_STREAMS', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'FLAG_NOT_FOUND',
  'INVALID_CONTEXT', 'TARGETING_KEY_MISSING', 'FLAG_PARSE_ERROR', 'TOO_MANY_ITEMS', 'UNKNOWN_FLAGS', 'INVALID_FLAG', 'UNAVAILABLE', 'INTERNAL',
  'INVALID_DOCUMENT', 'GOLDEN_TESTS_FAILED', 'PRECONDITION_REQUIRED', 'PRECONDITION_FAILED', 'CONFLICT', 'CORRUPT_DOCUMENT',
  'UNSUPPORTED_ENCODING', 'DEADLINE_EXCEEDED',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const STATUS_OF = {
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  BODY_TOO_DEEP: 400,
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  INVALID_PATH: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  TOO_MANY_STREAMS: 429,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  FLAG_NOT_FOUND: 404,
  INVALID_CONTEXT: 400,
  TARGETING_KEY_MISSING: 400,
  FLAG_PARSE_ERROR: 400,
  TOO_MANY_ITEMS: 413,
  UNKNOWN_FLAGS: 422,
  INVALID_FLAG: 422,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  INVALID_DOCUMENT: 422,
  GOLDEN_TESTS_FAILED: 422,
  PRECONDITION_REQUIRED: 428,
  PRECONDITION_FAILED: 412,
  CONFLICT: 409,
  CORRUPT_DOCUMENT: 500,
  UNSUPPORTED_ENCODING: 415,
  // The same request would run out of time again: 422 (not 503, which clients retry as it is).
  DEADLINE_EXCEEDED: 422,
} as const satisfies Record<ApiErrorCode, number>;

const TITLES: Record<ApiErrorCode, string> = {
  MALFORMED_JSON: 'The body is not valid JSON',
  UNSUPPORTED_MEDIA_TYPE: 'The body must be application/json',
  BODY_TOO_LARGE: 'The body is too large',
  BODY_TOO_DEEP: 'The body nests too deeply',
  INVALID_BODY: 'The body does not fit the request schema',
  INVALID_QUERY: 'A query parameter is invalid',
  INVALID_PATH: 'The URL path is not valid',
  UNAUTHORIZED: 'Authentication required',
  FORBIDDEN: 'This key may not do that',
  RATE_LIMITED: 'Too many requests',
  TOO_MANY_STREAMS: 'Too many open streams',
  NOT_FOUND: 'No such resource',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  FLAG_NOT_FOUND: 'No such flag',
  INVALID_CONTEXT: 'The evaluation context is invalid',
  TARGETING_KEY_MISSING: 'The context has no targeting key',
  FLAG_PARSE_ERROR: 'The stored flag is invalid',
  TOO_MANY_ITEMS: 'Too many items in one request',
  UNKNOWN_FLAGS: 'Unknown flags requested',
  INVALID_FLAG: 'The flag is not valid',
  UNAVAILABLE: 'A dependency is unavailable',
  INTERNAL: 'Internal error',
  INVALID_DOCUMENT: 'The document is not valid',
  GOLDEN_TESTS_FAILED: 'The flag fails its golden tests',
  PRECONDITION_REQUIRED: 'If-Match is required',
  PRECONDITION_FAILED: 'The version has changed',
  CONFLICT: 'It exists already',
  CORRUPT_DOCUMENT: 'The stored document is corrupt',
  UNSUPPORTED_ENCODING: 'The body\'s Content-Encoding is not accepted',
  DEADLINE_EXCEEDED: 'The request needs more time than its deadline allows',
};

export type FieldError = { readonly path: string; readonly code: string; readonly message: string };

export type Problem = {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ApiErrorCode;
  readonly errors: readonly FieldError[];
  readonly instance?: string;
};

/** RFC 9457 allows extension members (OFREP's `key`, `errorCode`, `errorDetails` among them). */
export type ProblemBody = Problem & { readonly [extension: string]: unknown };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(code: ApiErrorCode, detail: string, errors: readonly FieldError[] = []): Problem {
  return {
    type: `https://switchyard.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code],
    status: STATUS_OF[code],
    detail,
    code,
    errors,
  };
}

/** 413 for a list in the body past its limit, at the list's path. */
export function tooManyItems(path: string, count: number, limit: number, what: string): Problem {
  return problem('TOO_MANY_ITEMS', `${count} ${what}; at most ${limit} in one request`, [{ path, code: 'LIST_TOO_LONG', message: `at most ${limit} ${what}` }]);
}
