// API keys (admin role only): list without secrets, create an SDK key for an environment or an
// admin key with a role (the secret is in the 201 answer and never again), revoke, and rotate
// with an overlap window during which the old secret keeps working.

import * as z from 'zod';
import { hasBody } from '../../shared/http/body.ts';
import { problem } from '../../shared/http/problem.ts';
import { queryParam, unknownQuery } from '../../shared/http/query.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { adminRoute, metaOf, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { commentOf } from './http-bits.ts';

/** 30 days: a longer overlap is a second key, not a rotation. */
export const MAX_OVERLAP_SECONDS = 30 * 24 * 3600;

const CreateKey = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sdk'), access: z.enum(['client', 'server']).optional(), environment: z.string(), name: z.string(), allowedOrigins: z.array(z.string()).max(50).optional(), comment: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('admin'), role: z.enum(['viewer', 'editor', 'admin']), name: z.string(), comment: z.string().max(2000).optional() }),
]);
const Rotate = z.strictObject({ overlapSeconds: z.number().int().min(0).max(MAX_OVERLAP_SECONDS), comment: z.string().max(2000).optional() });
const Revoke = z.strictObject({ comment: z.string().max(2000).optional() });

const noSuchKey = (id: string) => problem('NOT_FOUND', `no usable key "${id}"`);

export function keyRoutes(deps: AdminDeps): ReplyRoute[] {
  const keys = deps.stores.apiKeys;
  return [
    adminRoute(deps, 'GET', '/v1/keys', 'manage', async (req) => {
      const stray = unknownQuery(req, ['environment', 'kind']);
      if (stray) return reply.problem(stray);
      const environment = queryParam(req, 'environment');
      const kind = queryParam(req, 'kind');
      if (!environment.ok) return reply.problem(environment.problem);
      if (!kind.ok) return reply.problem(kind.problem);
      if (kind.value !== undefined && kind.value !== 'sdk' && kind.value !== 'admin') return reply.problem(problem('INVALID_QUERY', 'kind is sdk or admin', [{ path: '?kind', code: 'INVALID_VALUE', message: 'sdk or admin' }]));
      const list = await keys.list({ ...(environment.value === undefined ? {} : { environment: environment.value }), ...(kind.value === undefined ? {} : { kind: kind.value }) });
      return reply.json(200, { keys: list });
    }),
    adminRoute(deps, 'POST', '/v1/keys', 'manage', async (req, context) => {
      const read = await readBody(req, CreateKey);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const { comment: _, ...input } = body;
      const created = await keys.create(input, metaOf(context, commentOf(req, body)));
      if (created.ok) return reply.json(201, { key: created.key, secret: created.secret, note: 'the secret is shown only now; store it' }, { 'Cache-Control': 'no-store' });
      if (created.reason === 'not_found') return reply.problem(problem('NOT_FOUND', `no environment "${'environment' in input ? input.environment : ''}"`, [{ path: '/environment', code: 'NOT_FOUND', message: 'no such environment' }]));
      return reply.problem(problem('INVALID_BODY', 'the key is not valid', created.issues));
    }),
    adminRoute(deps, 'POST', '/v1/keys/:id/revoke', 'manage', async (req, context) => {
      const read = hasBody(req) ? await readBody(req, Revoke) : { ok: true as const, value: {} };
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const revoked = await keys.revoke(context.params.id!, metaOf(context, commentOf(req, body)));
      if (!revoked.ok) return reply.problem(noSuchKey(context.params.id!));
      return reply.json(200, { key: revoked.key });
    }),
    adminRoute(deps, 'POST', '/v1/keys/:id/rotate', 'manage', async (req, context) => {
      const read = await readBody(req, Rotate);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const overlapUntil = new Date(deps.now() + body.overlapSeconds * 1000).toISOString();
      const rotated = await keys.rotate(context.params.id!, { overlapUntil }, metaOf(context, commentOf(req, body)));
      if (rotated.ok) return reply.json(201, { key: rotated.key, secret: rotated.secret, previous: { id: context.params.id, worksUntil: overlapUntil }, note: 'the secret is shown only now; store it' }, { 'Cache-Control': 'no-store' });
      if (rotated.reason === 'not_found') return reply.problem(noSuchKey(context.params.id!));
      return reply.problem(problem('INVALID_BODY', 'the rotation is not valid', rotated.issues));
    }),
  ];
}
