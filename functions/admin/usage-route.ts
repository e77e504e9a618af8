// GET /v1/environments/:env/flags/:key/usage?minutes=N: what the flag did over the last N minutes
// (default 60, at most 7 days), from the aggregator's rollups: evaluations, variants, reasons and
// each rule's match rate, for the console to show next to the rule.

import { problem } from '../../shared/http/problem.ts';
import { canonicalInteger, queryParam, unknownQuery } from '../../shared/http/query.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { summarizeUsage } from '../../shared/aggregate/usage.ts';
import { adminRoute } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';

const MAX_MINUTES = 7 * 24 * 60;
const MINUTE_MS = 60_000;

export function usageRoute(deps: AdminDeps): ReplyRoute {
  return adminRoute(deps, 'GET', '/v1/environments/:env/flags/:key/usage', 'read', async (req, { params }) => {
    const stray = unknownQuery(req, ['minutes']);
    if (stray) return reply.problem(stray);
    const raw = queryParam(req, 'minutes');
    if (!raw.ok) return reply.problem(raw.problem);
    const minutes = raw.value === undefined ? 60 : canonicalInteger(raw.value);
    if (minutes === undefined || minutes < 1 || minutes > MAX_MINUTES) {
      return reply.problem(problem('INVALID_QUERY', `minutes must be a whole number from 1 to ${MAX_MINUTES}`, [{ path: '?minutes', code: 'INVALID_VALUE', message: `1 to ${MAX_MINUTES}` }]));
    }
    if ((await deps.stores.flags.version(params.env!)) === undefined) return reply.problem(problem('NOT_FOUND', `no environment "${params.env}"`));
    // Whole minutes, the current one included: the rollups are keyed by each minute's start.
    const to = (Math.floor(deps.now() / MINUTE_MS) + 1) * MINUTE_MS;
    const from = to - minutes * MINUTE_MS;
    const rows = deps.usage ? await deps.usage(params.env!, params.key!, from, to) : [];
    return reply.json(200, { key: params.key, environment: params.env, ...summarizeUsage(rows, from, to) });
  });
}
