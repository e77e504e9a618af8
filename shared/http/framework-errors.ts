// The Functions Framework parses JSON bodies before any handler runs and answers a parse error
// with an HTML page from Express's final handler. Every function entry imports this module once,
// so those errors answer problem+json like everything else. It wraps Express's `app.handle`, the
// one place where the final handler is chosen; Express is the framework's own copy (kept external
// to the bundles for that reason). This global patch is all the module does, and
// test/integration/http/framework-errors.test.ts fails if a framework or Express upgrade stops it
// from applying (another copy of Express, an app that no longer dispatches through `handle`).

import express from 'express';
import { MAX_REQUEST_BYTES, problemForFrameworkError } from './framework-problems.ts';
import { problem } from './problem.ts';
import { sendProblem } from './send.ts';
import type { HttpResponse } from './types.ts';

type Handle = (this: unknown, req: { headers: Record<string, string | string[] | undefined> }, res: HttpResponse, callback?: (error?: unknown) => void) => void;

const application = express.application as unknown as { handle: Handle; __switchyardProblems?: true };

/** Whether an Express app (each copies `handle` from the application when created) runs the patch. */
export function answersFrameworkErrors(app: unknown): boolean {
  return typeof app === 'function' && (app as { handle?: unknown }).handle === application.handle && application.__switchyardProblems === true;
}

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
