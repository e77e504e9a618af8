// One document saved the way every write path saves it (PUT, rollback, bulk): checked against
// the environment, golden tests run, then written with the caller's `If-Match` through the store.

import type { Issue } from '../../shared/rules/index.ts';
import type { DocumentKind, DocumentOf, PutResult } from '../../shared/store/document-ports.ts';
import type { Conflict, NotFound, Precondition } from '../../shared/store/results.ts';
import { checkDocument, scopeOf, type Scope } from '../../shared/authoring/document-checks.ts';
import type { AdminDeps } from './deps.ts';
import type { GoldenFailure } from '../../shared/authoring/golden-tests.ts';

export type SaveOutcome<T> =
  | { readonly ok: true; readonly saved: Extract<PutResult<T>, { ok: true }>; readonly forcedFailures: readonly GoldenFailure[] }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly Issue[] }
  | { readonly ok: false; readonly reason: 'golden'; readonly failures: readonly GoldenFailure[] }
  | { readonly ok: false; readonly reason: 'environment_not_found' }
  | Conflict
  | NotFound;

export type SaveOptions = { readonly force: boolean; readonly scope?: Scope };

export async function saveDocument<K extends DocumentKind>(deps: AdminDeps, environment: string, kind: K, doc: unknown, precondition: Precondition, options: SaveOptions): Promise<SaveOutcome<DocumentOf[K]>> {
  const scope = options.scope ?? (await scopeOf(deps.stores, environment));
  if (!scope) return { ok: false, reason: 'environment_not_found' };
  const checked = checkDocument(kind, doc, scope, deps.now());
  if (checked.errors.length > 0) return { ok: false, reason: 'invalid', errors: checked.errors };
  if (checked.failures.length > 0 && !options.force) return { ok: false, reason: 'golden', failures: checked.failures };
  const put = await deps.stores.documents[kind].put(environment, doc, precondition);
  if (put.ok) return { ok: true, saved: put as Extract<PutResult<DocumentOf[K]>, { ok: true }>, forcedFailures: checked.failures };
  // The store validates again with the same schema; this is only reached by a race or a bug.
  if (put.reason === 'invalid') return { ok: false, reason: 'invalid', errors: put.issues };
  return put;
}
