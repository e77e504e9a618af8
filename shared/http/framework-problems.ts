// What the Functions Framework's own failures (JSON bodies it could not parse, broken
// %-encoding in a path, a body too large) answer, as problems. Pure, with no Express in it;
// framework-errors.ts sends them from its patch of Express.

import { problem, type Problem } from './problem.ts';

import { MAX_REQUEST_BYTES } from './body-gate.ts';

export { MAX_REQUEST_BYTES };

type BodyParserError = { type?: string; status?: number; message?: string; body?: unknown };

/** body-parser's strict mode refuses valid JSON that is not an object or array (`42`, `null`). */
function jsonScalarOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return value === null ? 'null' : typeof value;
  } catch {
    return undefined;
  }
}

export function problemForFrameworkError(error: unknown): Problem {
  // The router decodes path parameters before any handler sees them; broken %-encoding throws.
  if (error instanceof URIError) return problem('INVALID_PATH', `the path is not valid percent-encoding: ${error.message}`);
  const e = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
  switch (e.type) {
    case 'entity.parse.failed': {
      const scalar = jsonScalarOf(e.body);
      return scalar !== undefined
        ? problem('INVALID_BODY', `the body must be a JSON object, not ${scalar === 'null' ? 'null' : `a ${scalar}`}`, [{ path: '', code: 'INVALID_TYPE', message: 'expected a JSON object' }])
        : problem('MALFORMED_JSON', `the body is not valid JSON: ${e.message ?? 'parse error'}`);
    }
    case 'entity.too.large':
      return problem('BODY_TOO_LARGE', `the body is larger than ${MAX_REQUEST_BYTES} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem('UNSUPPORTED_MEDIA_TYPE', e.message ?? 'unsupported encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return problem('INVALID_BODY', e.message ?? 'the body was not received whole');
    default:
      return e.status !== undefined && e.status >= 400 && e.status < 500
        ? problem('INVALID_BODY', e.message ?? 'the request could not be read')
        : problem('INTERNAL', 'the request could not be handled');
  }
}
