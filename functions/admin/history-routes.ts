// The history of a flag, segment or attribute: versions (newest first, paged), one version, a
// readable diff between any two, and rollback (a NEW version equal to an old document).

import * as z from 'zod';
import { problem } from '../../shared/http/problem.ts';
import { canonicalInteger, queryParam, unknownQuery } from '../../shared/http/query.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import { readableDiff, withoutVersion } from '../../shared/store/diff.ts';
import { plannedChangeEvents } from '../../shared/releases/history-events.ts';
import { adminRoute, metaOf, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { commentOf, forceOf, readIfMatch, replyNotFound } from './http-bits.ts';
import { describe, DOCUMENT_KINDS, type DocumentKind } from './kinds.ts';
import { replyToSave } from './save-answer.ts';
import { saveDocument } from './save.ts';

type Count = { ok: true; value: number | undefined } | { ok: false; problem: ReturnType<typeof problem> };

function countParam(request: HttpRequest, name: string, min: number): Count {
  const raw = queryParam(request, name);
  if (!raw.ok) return raw;
  if (raw.value === undefined) return { ok: true, value: undefined };
  const n = canonicalInteger(raw.value);
  if (n !== undefined && n >= min) return { ok: true, value: n };
  return { ok: false, problem: problem('INVALID_QUERY', `${name} must be a whole number of at least ${min}`, [{ path: `?${name}`, code: 'INVALID_VALUE', message: `a whole number >= ${min}` }]) };
}

const RollbackBody = z.strictObject({ version: z.number().int().min(1), comment: z.string().max(2000).optional() });

function kindHistoryRoutes(deps: AdminDeps, kind: DocumentKind): ReplyRoute[] {
  const base = `/v1/environments/:env/${kind}/:key`;
  const repo = deps.stores.documents[kind];
  return [
    adminRoute(deps, 'GET', `${base}/versions`, 'read', async (req, { params }) => {
      const stray = unknownQuery(req, ['limit', 'before']);
      if (stray) return reply.problem(stray);
      const limit = countParam(req, 'limit', 1);
      const before = countParam(req, 'before', 1);
      if (!limit.ok) return reply.problem(limit.problem);
      if (!before.ok) return reply.problem(before.problem);
      const page = await repo.history(params.env!, params.key!, { limit: Math.min(limit.value ?? 50, 500), ...(before.value === undefined ? {} : { before: before.value }) });
      if (!page.ok) return replyNotFound(describe(kind, params.env!, params.key!));
      // A flag's first page also lists its releases' and schedules' state changes, most of which write no version.
      if (kind !== 'flags' || !deps.releases || before.value !== undefined) return reply.json(200, { key: params.key, versions: page.entries, corrupt: page.corrupt });
      const [plans, schedules] = await Promise.all([deps.releases.plans(params.env!, params.key!), deps.releases.schedules(params.env!, params.key!)]);
      return reply.json(200, { key: params.key, versions: page.entries, corrupt: page.corrupt, events: plannedChangeEvents(plans, schedules) });
    }),
    adminRoute(deps, 'GET', `${base}/versions/:version`, 'read', async (req, { params }) => {
      const stray = unknownQuery(req, []);
      if (stray) return reply.problem(stray);
      const version = canonicalInteger(params.version);
      if (version === undefined || version < 1) {
        return reply.problem(problem('INVALID_PATH', `the version must be a whole number from 1, written plainly (not ${JSON.stringify(params.version)})`, [{ path: '/version', code: 'INVALID_VALUE', message: 'a version such as 3' }]));
      }
      const entry = await repo.atVersion(params.env!, params.key!, version);
      if (!entry) return replyNotFound(`version ${params.version} of ${describe(kind, params.env!, params.key!)}`);
      return reply.json(200, entry);
    }),
    adminRoute(deps, 'GET', `${base}/diff`, 'read', async (req, { params }) => {
      const stray = unknownQuery(req, ['from', 'to']);
      if (stray) return reply.problem(stray);
      const from = countParam(req, 'from', 0);
      const to = countParam(req, 'to', 0);
      if (!from.ok) return reply.problem(from.problem);
      if (!to.ok) return reply.problem(to.problem);
      if (from.value === undefined || to.value === undefined) {
        return reply.problem(problem('INVALID_QUERY', 'give ?from=<version>&to=<version> (0 is "before it existed")', [{ path: from.value === undefined ? '?from' : '?to', code: 'REQUIRED', message: 'a version' }]));
      }
      if ((await deps.stores.flags.version(params.env!)) === undefined) return replyNotFound(`environment "${params.env}"`);
      const read = async (v: number) => (v === 0 ? { document: null } : await repo.atVersion(params.env!, params.key!, v));
      const [a, b] = await Promise.all([read(from.value), read(to.value)]);
      if (!a || !b) return replyNotFound(`version ${!a ? from.value : to.value} of ${describe(kind, params.env!, params.key!)}`);
      return reply.json(200, { key: params.key, from: from.value, to: to.value, changes: readableDiff(a.document, b.document) });
    }),
    adminRoute(deps, 'POST', `${base}/rollback`, 'write', async (req, context) => {
      const { env, key } = context.params as { env: string; key: string };
      const ifMatch = readIfMatch(req);
      if (!ifMatch.ok) return reply.problem(ifMatch.problem);
      const read = await readBody(req, RollbackBody);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const entry = await repo.atVersion(env, key, body.version);
      if (!entry) return replyNotFound(`version ${body.version} of ${describe(kind, env, key)}`);
      if (entry.document === null) return reply.problem(problem('INVALID_BODY', `version ${body.version} is a delete; roll back to a version that holds the document`, [{ path: '/version', code: 'INVALID_VALUE', message: 'a deleted version' }]));
      const comment = commentOf(req, body) ?? `rollback to version ${body.version}`;
      const outcome = await saveDocument(deps, env, kind, withoutVersion(entry.document), { ...metaOf(context, comment), ifMatch: ifMatch.version }, { force: forceOf(req) && commentOf(req, body) !== undefined });
      return replyToSave(kind, outcome, describe(kind, env, key), `/versions/${body.version}`, ifMatch.version === 0);
    }),
  ];
}

export function historyRoutes(deps: AdminDeps): ReplyRoute[] {
  return DOCUMENT_KINDS.flatMap((kind) => kindHistoryRoutes(deps, kind));
}
