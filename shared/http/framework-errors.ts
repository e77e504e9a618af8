// The Functions Framework parses JSON bodies before any handler runs and answers a parse error
// with an HTML page from Express's final handler. Every function entry imports this module once,
// so those errors answer problem+json like everything else. It wraps Express's `app.handle`, the
// one place where the final handler is chosen; Express is the framework's own copy (kept external
// to the bundles for that reason).

import express from 'express';
import { problem, type Problem } from './problem.ts';
import { sendProblem } from './send.ts';
import type { HttpResponse } from './types.ts';

/** Bodies larger than this are refused from their Content-Length before they are read. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

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

type Handle = (this: unknown, req: { headers: Record<string, string | string[] | undefined> }, res: HttpResponse, callback?: (error?: unknown) => void) => void;

const application = express.application as unknown as { handle: Handle; __switchyardProblems?: true };

if (!application.__switchyardProblems) {
  const original = application.handle;
  application.handle = function handle(req, res, callback) {
    // Set where every request begins, so the framework's own answers (parse errors) carry it too.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_REQUEST_BYTES) {
      sendProblem(res, problem('BODY_TOO_LARGE', `the body is ${length} bytes; the largest accepted is ${MAX_REQUEST_BYTES}`), { Connection: 'close' });
      return;
    }
    original.call(this, req, res, callback ?? ((error?: unknown) => {
      if (res.headersSent) return;
      sendProblem(res, error ? problemForFrameworkError(error) : problem('NOT_FOUND', 'no such route'));
    }));
  };
  application.__switchyardProblems = true;
}
