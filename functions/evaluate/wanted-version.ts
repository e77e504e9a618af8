// OFREP 0.3's re-fetch hints: a bulk request sent because a change notice arrived carries
// `flagConfigEtag` and/or `flagConfigLastModified` from that notice. They say "the configuration
// is at least this new"; the answer must come from a snapshot that new, whichever instance the
// request reaches.

import { problem, type Problem } from '../../shared/http/problem.ts';
import { queryParam } from '../../shared/http/query.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import { versionOfEtag } from '../../shared/streams/events.ts';
import type { Wanted } from './request-context.ts';

export type WantedResult = { ok: true; wanted: Wanted | undefined } | { ok: false; problem: Problem };

const invalid = (name: string, expected: string): WantedResult => ({
  ok: false,
  problem: problem('INVALID_QUERY', `${name} must be ${expected}`, [{ path: `?${name}`, code: 'INVALID_VALUE', message: expected }]),
});

/** Epoch seconds or an ISO 8601 date-time, as OFREP allows; epoch ms of it. */
function lastModifiedMs(raw: string): number | undefined {
  if (/^\d{1,12}$/.test(raw)) return Number(raw) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw)) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

export function wantedOf(request: HttpRequest, now: number): WantedResult {
  const etag = queryParam(request, 'flagConfigEtag');
  if (!etag.ok) return etag;
  const modified = queryParam(request, 'flagConfigLastModified');
  if (!modified.ok) return modified;
  if (etag.value === undefined && modified.value === undefined) return { ok: true, wanted: undefined };
  let atLeast: number | undefined;
  if (etag.value !== undefined) {
    atLeast = versionOfEtag(etag.value);
    if (atLeast === undefined) return invalid('flagConfigEtag', 'the etag of a change notice, such as "12"');
  }
  let confirmedAfter: number | undefined;
  if (modified.value !== undefined) {
    const ms = lastModifiedMs(modified.value);
    if (ms === undefined) return invalid('flagConfigLastModified', 'epoch seconds or an ISO 8601 date-time');
    // Second resolution: the change may lie anywhere in that second. A confirmation that begins
    // now began after it in any case (the client heard of it before asking).
    confirmedAfter = Math.min(Math.floor(ms / 1000) * 1000 + 1000, now);
  }
  return { ok: true, wanted: { ...(atLeast !== undefined ? { atLeast } : {}), ...(confirmedAfter !== undefined ? { confirmedAfter } : {}) } };
}
