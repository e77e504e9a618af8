// GET /v1/environments/:env/usage?keys=a,b,c: the flag library's usage at a glance for up to 50
// flags in one request: each flag's evaluations in the last 24 hours by hour (a sparkline) and the
// minute it was last evaluated (unbounded: the rollups are kept, so "not evaluated for 30 days"
// is true when said). Cost per flag: its minutes of the last day, and for a flag not evaluated in it
// one read of its latest minute before.

import { problem } from '../../shared/http/problem.ts';
import { queryParam, unknownQuery } from '../../shared/http/query.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { adminRoute } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';

const MAX_KEYS = 50;
const HOURS = 24;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export type FlagUsageOverview = { readonly key: string; readonly evaluations: number; readonly hours: readonly number[]; readonly lastEvaluated: string | null };

export function usageOverviewRoute(deps: AdminDeps): ReplyRoute {
  return adminRoute(deps, 'GET', '/v1/environments/:env/usage', 'read', async (req, { params }) => {
    const stray = unknownQuery(req, ['keys']);
    if (stray) return reply.problem(stray);
    const raw = queryParam(req, 'keys');
    if (!raw.ok) return reply.problem(raw.problem);
    const keys = [...new Set((raw.value ?? '').split(',').filter((k) => k !== ''))];
    if (keys.length === 0 || keys.length > MAX_KEYS) {
      return reply.problem(problem('INVALID_QUERY', `keys must name 1 to ${MAX_KEYS} flags, separated by commas`, [{ path: '?keys', code: 'INVALID_VALUE', message: `1 to ${MAX_KEYS} flag keys` }]));
    }
    const env = params.env!;
    if ((await deps.stores.flags.version(env)) === undefined) return reply.problem(problem('NOT_FOUND', `no environment "${env}"`));
    // Whole hours ending with the current one, so a bar is always one clock hour.
    const to = (Math.floor(deps.now() / HOUR_MS) + 1) * HOUR_MS;
    const from = to - HOURS * HOUR_MS;
    const flags = await Promise.all(
      keys.map(async (key): Promise<FlagUsageOverview> => {
        const rows = deps.usage ? await deps.usage(env, key, from, to) : [];
        const hours = new Array<number>(HOURS).fill(0);
        for (const m of rows) hours[Math.floor((m.minute - from) / HOUR_MS)]! += m.evaluations;
        // The day's minutes already hold the latest one; only a flag quiet all day needs the read further back.
        const last = rows.length > 0 ? Math.max(...rows.map((m) => m.minute)) : deps.lastUsed ? await deps.lastUsed(env, key, from) : undefined;
        return { key, evaluations: hours.reduce((a, b) => a + b, 0), hours, lastEvaluated: last === undefined ? null : new Date(last).toISOString() };
      }),
    );
    return reply.json(200, { environment: env, from: new Date(from).toISOString(), to: new Date(to).toISOString(), flags });
  });
}
