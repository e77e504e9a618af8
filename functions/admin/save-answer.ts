// Answering a save: the new version as ETag (201 when created), or why it was refused: 422 with
// every error at its path in the request body, 422 with the failing golden tests, 412, 404.

import { problem } from '../../shared/http/problem.ts';
import { reply, type Reply } from '../../shared/http/reply.ts';
import type { DocumentKind } from '../../shared/store/document-ports.ts';
import type { GoldenFailure } from '../../shared/authoring/golden-tests.ts';
import { prefixed, replyNotFound, replyStale, replyVersioned } from './http-bits.ts';
import { KIND_HTTP } from './kinds.ts';
import type { SaveOutcome } from './save.ts';

export function goldenProblem(failures: readonly GoldenFailure[], pathOf: (index: number) => string, force: string) {
  const detail = `${failures.length} golden test${failures.length === 1 ? '' : 's'} would fail; fix the flag or the tests, or save with ${force}`;
  const errors = failures.map((f) => ({ path: pathOf(f.index), code: 'GOLDEN_TEST_FAILED', message: `${f.name ?? `test ${f.index}`}: expected "${f.expected}", got ${f.got === null ? 'an error' : `"${f.got}"`} (${f.reason})` }));
  return { ...problem('GOLDEN_TESTS_FAILED', detail, errors), failures };
}

/** `bodyPath` is where the document sits in the request body (`/flag`), for error paths. */
export function replyToSave(kind: DocumentKind, outcome: SaveOutcome<unknown>, what: string, bodyPath: string, created: boolean): Reply {
  if (outcome.ok) {
    const { ok: _, ...saved } = outcome.saved;
    const forced = outcome.forcedFailures.length > 0 ? { forcedGoldenFailures: outcome.forcedFailures } : {};
    return replyVersioned(created ? 201 : 200, { ...saved, ...forced });
  }
  switch (outcome.reason) {
    case 'invalid':
      return reply.problem(problem(KIND_HTTP[kind].invalid, `${what} has ${outcome.errors.length} error${outcome.errors.length === 1 ? '' : 's'}`, prefixed(bodyPath, outcome.errors)));
    case 'golden':
      return reply.problem(goldenProblem(outcome.failures, (i) => `${bodyPath}/tests/${i}`, '?force=true and a comment'));
    case 'environment_not_found':
      return replyNotFound('such environment');
    case 'conflict':
      return replyStale(outcome.currentVersion, what);
    case 'not_found':
      return replyNotFound(`${what} (create it with If-Match: 0)`);
  }
}
