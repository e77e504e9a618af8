// Scheduled changes of a flag (issue 17): create (201; a whole flag document or a patch, checked
// as a PUT would be), list, read, and cancel (DELETE with If-Match on the schedule's version).
// The minute run applies them, against the flag version they were scheduled on.

import { randomBytes } from 'node:crypto';
import { problem } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import type { ReleaseStore } from '../../shared/releases/release-store.ts';
import { ownValue } from '../../shared/rules/own.ts';
import { decideSchedule } from '../../shared/schedules/decide-schedule.ts';
import { ScheduleInputSchema, type ScheduleRecord } from '../../shared/schedules/schedule-schema.ts';
import { adminRoute, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { checkDocument, scopeOf } from '../../shared/authoring/document-checks.ts';
import { etag, prefixed, readIfMatch, replyNotFound, replyStale } from './http-bits.ts';

export type ScheduleDeps = AdminDeps & { readonly releases: ReleaseStore };

const base = '/v1/environments/:env/flags/:key/schedules';

/** A schedule a minute or more in the past is more likely a mistake (a wrong zone) than meant. */
const PAST_TOLERANCE_MS = 60_000;

export function scheduleRoutes(deps: ScheduleDeps): ReplyRoute[] {
  const scheduleOf = async (env: string, key: string, id: string) => {
    const s = await deps.releases.schedule(env, id);
    return s?.flag === key ? s : undefined;
  };
  return [
    adminRoute(deps, 'POST', base, 'write', async (req, context) => {
      const { env, key } = context.params as { env: string; key: string };
      const read = await readBody(req, ScheduleInputSchema);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const now = deps.now();
      const dueAt = Date.parse(body.at);
      if (dueAt < now - PAST_TOLERANCE_MS) return reply.problem(problem('INVALID_BODY', `"at" is in the past (${body.at})`, [{ path: '/at', code: 'INVALID_VALUE', message: 'must not be in the past' }]));
      // One read of the environment: the flag as it is now, and what its changed document is checked against.
      const scope = await scopeOf(deps.stores, env);
      const stored = scope && ownValue(scope.flags, key);
      if (!scope || !stored) return replyNotFound(`flag "${key}" in environment "${env}"`);
      const flag = { version: stored.version ?? 0, document: stored };
      const at = new Date(now).toISOString();
      const record: ScheduleRecord = {
        id: `s${randomBytes(6).toString('hex')}`, environment: env, flag: key, at: new Date(dueAt).toISOString(), dueAt, change: body.change,
        ...(body.comment === undefined ? {} : { comment: body.comment }), flagVersion: flag.version, status: 'pending', version: 1, createdAt: at, createdBy: context.caller.actor, updatedAt: at,
      };
      // The change as it would apply now: a patch that cannot apply, or a document that would not save, is refused at once.
      const preview = decideSchedule({ ...record, dueAt: now }, { version: flag.version, document: flag.document }, now);
      if (preview.kind === 'refuse') return reply.problem(problem('INVALID_DOCUMENT', preview.reason, [{ path: '/change', code: 'INVALID_VALUE', message: preview.reason }]));
      if (preview.kind === 'apply') {
        if ((preview.document as { key?: unknown }).key !== key) return reply.problem(problem('INVALID_DOCUMENT', `the flag's key must be "${key}", as in the URL`, [{ path: '/change/key', code: 'INVALID_KEY', message: `must be "${key}"` }]));
        const { errors } = checkDocument('flags', preview.document, scope, now);
        if (errors.length > 0) return reply.problem(problem('INVALID_DOCUMENT', `the flag after this change has ${errors.length} error${errors.length === 1 ? '' : 's'}`, prefixed('/change', errors)));
      }
      const created = await deps.releases.createSchedule(record);
      if (!created.ok) return reply.problem(problem(created.reason === 'not_found' ? 'NOT_FOUND' : 'CONFLICT', created.reason === 'not_found' ? `no environment "${env}"` : 'a schedule with this id exists; retry'));
      return reply.json(201, created.record, { ETag: etag(created.record.version), Location: `/v1/environments/${encodeURIComponent(env)}/flags/${encodeURIComponent(key)}/schedules/${created.record.id}` });
    }),
    adminRoute(deps, 'GET', base, 'read', async (_req, { params }) => {
      return reply.json(200, { environment: params.env, flag: params.key, items: await deps.releases.schedules(params.env!, params.key!) });
    }),
    adminRoute(deps, 'GET', `${base}/:id`, 'read', async (_req, { params }) => {
      const s = await scheduleOf(params.env!, params.key!, params.id!);
      if (!s) return replyNotFound(`schedule "${params.id}" of flag "${params.key}"`);
      return reply.json(200, s, { ETag: etag(s.version) });
    }),
    adminRoute(deps, 'DELETE', `${base}/:id`, 'write', async (req, context) => {
      const { env, key, id } = context.params as { env: string; key: string; id: string };
      const ifMatch = readIfMatch(req);
      if (!ifMatch.ok) return reply.problem(ifMatch.problem);
      const s = await scheduleOf(env, key, id);
      if (!s) return replyNotFound(`schedule "${id}" of flag "${key}"`);
      if (s.version !== ifMatch.version) return replyStale(s.version, `schedule "${id}"`);
      if (s.status !== 'pending') return reply.problem(problem('CONFLICT', `the schedule is ${s.status}${s.reason ? ` (${s.reason})` : ''}; only a pending one can be cancelled`));
      const saved = await deps.releases.saveSchedule({ ...s, status: 'cancelled', reason: `cancelled by ${context.caller.actor}`, updatedAt: new Date(deps.now()).toISOString() });
      if (!saved.ok) return saved.reason === 'conflict' ? replyStale(saved.currentVersion, `schedule "${id}"`) : replyNotFound(`schedule "${id}"`);
      return reply.json(200, saved.record, { ETag: etag(saved.record.version) });
    }),
  ];
}
