// The Functions Framework parses bodies before any handler runs and answers a parse error with an
// HTML page from Express's final handler. Every function entry imports this module once, so that
// bodies are read by body-gate.ts instead (limits on the bytes read, the key checked before a
// large body is read), and whatever else Express's final handler would answer is problem+json.
// It wraps Express's `app.handle`, the one place every request passes before the middleware;
// Express is the framework's own copy (kept external to the bundles for that reason). This global
// patch is all the module does, and test/integration/http/framework-errors.test.ts fails if a
// framework or Express upgrade stops it from applying.

import express from 'express';
import { gateBody, removeBodyParsers } from './body-gate.ts';
import { problemForFrameworkError } from './framework-problems.ts';
import { problem } from './problem.ts';
import { sendProblem } from './send.ts';
import type { HttpResponse } from './types.ts';

export { MAX_REQUEST_BYTES } from './body-gate.ts';

type Handle = (this: object, req: import('node:http').IncomingMessage, res: HttpResponse, callback?: (error?: unknown) => void) => void;

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
    removeBodyParsers(this);
    gateBody(req, res, () =>
      original.call(this, req, res, callback ?? ((error?: unknown) => {
        if (res.headersSent) return;
        sendProblem(res, error ? problemForFrameworkError(error) : problem('NOT_FOUND', 'no such route'));
      })),
    );
  };
  application.__switchyardProblems = true;
}
