// The dry run of an import (`POST /v1/environments/:env/import?dryRun=true`): the same checks, then
// what each document would do (added, changed with its diff, unchanged), written nowhere.

import { problem, type Problem } from '../../shared/http/problem.ts';
import { queryParam } from '../../shared/http/query.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import type { ImportChange, ImportPreview } from '../../shared/store/admin-ports.ts';

/**
 * `?dryRun=true` or `false` (`1`, `0`); any other value is refused rather than read as false, so a
 * misspelt preview never becomes an import.
 */
export function dryRunOf(request: HttpRequest): { ok: true; value: boolean } | { ok: false; problem: Problem } {
  const raw = queryParam(request, 'dryRun');
  if (!raw.ok) return { ok: false, problem: raw.problem };
  if (raw.value === undefined || raw.value === 'false' || raw.value === '0') return { ok: true, value: false };
  if (raw.value === 'true' || raw.value === '1') return { ok: true, value: true };
  const message = 'dryRun is true or false';
  return { ok: false, problem: problem('INVALID_QUERY', `${message}, not ${JSON.stringify(raw.value)}`, [{ path: '?dryRun', code: 'INVALID_VALUE', message }]) };
}

/** The preview's answer; golden tests that would fail are listed, since the import itself would refuse them without `?force=true`. */
export function previewBody(environment: string, preview: ImportPreview, goldenFailures: readonly unknown[]) {
  const summary: Record<ImportChange['change'], number> = { added: 0, changed: 0, unchanged: 0 };
  for (const change of preview.changes) summary[change.change] += 1;
  return {
    environment,
    dryRun: true,
    environmentVersion: preview.environmentVersion,
    summary,
    changes: preview.changes,
    ...(goldenFailures.length > 0 ? { goldenFailures } : {}),
  };
}
