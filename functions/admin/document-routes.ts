// Flags, segments and attributes of an environment: list (tag, enabled, q), get (ETag = version),
// PUT to create (`If-Match: 0`) or update (`If-Match: <version>`), DELETE with `If-Match`.

import * as z from 'zod';
import { problem } from '../../shared/http/problem.ts';
import { queryParam, unknownQuery } from '../../shared/http/query.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import type { ListFilter } from '../../shared/store/document-ports.ts';
import { adminRoute, metaOf, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { commentOf, etag, forceOf, readIfMatch, replyNotFound, replyRefusal, replyStale, replyVersioned } from './http-bits.ts';
import { describe, DOCUMENT_KINDS, KIND_HTTP, type DocumentKind } from './kinds.ts';
import { replyToSave } from './save-answer.ts';
import { saveDocument } from './save.ts';

type Filter = { ok: true; filter: ListFilter } | { ok: false; problem: ReturnType<typeof problem> };

function filterOf(request: Parameters<typeof queryParam>[0]): Filter {
  const stray = unknownQuery(request, ['tag', 'enabled', 'q']);
  if (stray) return { ok: false, problem: stray };
  const tag = queryParam(request, 'tag');
  const enabled = queryParam(request, 'enabled');
  const q = queryParam(request, 'q');
  if (!tag.ok) return tag;
  if (!enabled.ok) return enabled;
  if (!q.ok) return q;
  if (enabled.value !== undefined && enabled.value !== 'true' && enabled.value !== 'false') {
    return { ok: false, problem: problem('INVALID_QUERY', 'enabled must be true or false', [{ path: '?enabled', code: 'INVALID_VALUE', message: 'true or false' }]) };
  }
  return {
    ok: true,
    filter: {
      ...(tag.value === undefined ? {} : { tag: tag.value }),
      ...(enabled.value === undefined ? {} : { enabled: enabled.value === 'true' }),
      ...(q.value === undefined ? {} : { text: q.value }),
    },
  };
}

function kindRoutes(deps: AdminDeps, kind: DocumentKind): ReplyRoute[] {
  const { field, keyField } = KIND_HTTP[kind];
  const base = `/v1/environments/:env/${kind}`;
  const repo = deps.stores.documents[kind];
  const WriteBody = z.strictObject({ [field]: z.unknown(), comment: z.string().max(2000).optional() }) as z.ZodType<Record<string, unknown> & { comment?: string }>;
  return [
    adminRoute(deps, 'GET', base, 'read', async (req, { params }) => {
      const filter = filterOf(req);
      if (!filter.ok) return reply.problem(filter.problem);
      const listing = await repo.list(params.env!, filter.filter);
      if (!listing.ok) return replyNotFound(`environment "${params.env}"`);
      return reply.json(200, { environment: params.env, items: listing.items, corrupt: listing.corrupt });
    }),
    adminRoute(deps, 'GET', `${base}/:key`, 'read', async (_req, { params }) => {
      const got = await repo.get(params.env!, params.key!);
      if (got.ok) {
        const { ok: _, ...item } = got;
        return replyVersioned(200, item);
      }
      if (got.reason === 'corrupt') {
        return reply.problem({ ...problem('CORRUPT_DOCUMENT', `${got.id} is stored corrupt (${got.problem}); overwrite it with If-Match: ${got.version}`), currentVersion: got.version }, { ETag: etag(got.version) });
      }
      return replyNotFound(describe(kind, params.env!, params.key!));
    }),
    adminRoute(deps, 'PUT', `${base}/:key`, 'write', async (req, context) => {
      const { env, key } = context.params as { env: string; key: string };
      const ifMatch = readIfMatch(req);
      if (!ifMatch.ok) return reply.problem(ifMatch.problem);
      const read = await readBody(req, WriteBody);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const doc = body[field];
      if (doc === undefined) return reply.problem(problem('INVALID_BODY', `send the ${field} as "${field}"`, [{ path: `/${field}`, code: 'REQUIRED', message: `"${field}" is required` }]));
      const docKey = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)[keyField] : undefined;
      if (docKey !== key) {
        return reply.problem(problem(KIND_HTTP[kind].invalid, `the ${field}'s ${keyField} must be "${key}", as in the URL`, [{ path: `/${field}/${keyField}`, code: 'INVALID_KEY', message: `must be "${key}"` }]));
      }
      // Cheap early answer for a stale writer; the store checks again inside its transaction.
      const current = await repo.get(env, key);
      if (current.ok && current.version !== ifMatch.version) return replyStale(current.version, describe(kind, env, key));
      const comment = commentOf(req, body);
      const force = forceOf(req);
      if (force && comment === undefined) return reply.problem(problem('INVALID_QUERY', 'force=true needs a comment saying why', [{ path: '/comment', code: 'REQUIRED', message: 'a forced save needs a comment' }]));
      const outcome = await saveDocument(deps, env, kind, doc, { ...metaOf(context, comment), ifMatch: ifMatch.version }, { force });
      return replyToSave(kind, outcome, describe(kind, env, key), `/${field}`, ifMatch.version === 0);
    }),
    adminRoute(deps, 'DELETE', `${base}/:key`, 'write', async (req, context) => {
      const { env, key } = context.params as { env: string; key: string };
      const ifMatch = readIfMatch(req);
      if (!ifMatch.ok) return reply.problem(ifMatch.problem);
      const removed = await repo.remove(env, key, { ...metaOf(context, commentOf(req)), ifMatch: ifMatch.version });
      if (!removed.ok) return replyRefusal(removed, describe(kind, env, key));
      return reply.json(200, { key, deleted: true, version: removed.version, environmentVersion: removed.environmentVersion }, { ETag: etag(removed.version) });
    }),
  ];
}

export function documentRoutes(deps: AdminDeps): ReplyRoute[] {
  return DOCUMENT_KINDS.flatMap((kind) => kindRoutes(deps, kind));
}
