// API keys (admin role only): list without secrets, create an SDK key for an environment or an
// admin key with a role (the secret is in the 201 answer and never again), revoke, and rotate
// with an overlap window during which the old secret keeps working.

import * as z from 'zod';
import { hasBody } from '../../shared/http/body.ts';
import { problem } from '../../shared/http/problem.ts';
import { queryParam, unknownQuery } from '../../shared/http/query.ts';
import type { Route } from '../../shared/http/router.ts';
import { sendJson, sendProblem } from '../../shared/http/send.ts';
import { adminRoute, bodyOf, metaOf } from './admin-route.ts';
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

export function keyRoutes(deps: AdminDeps): Route[] {
  const keys = deps.stores.apiKeys;
  return [
    adminRoute(deps, 'GET', '/v1/keys', 'manage', async (req, res) => {
      const stray = unknownQuery(req, ['environment', 'kind']);
      if (stray) return sendProblem(res, stray);
      const environment = queryParam(req, 'environment');
      const kind = queryParam(req, 'kind');
      if (!environment.ok) return sendProblem(res, environment.problem);
      if (!kind.ok) return sendProblem(res, kind.problem);
      if (kind.value !== undefined && kind.value !== 'sdk' && kind.value !== 'admin') return sendProblem(res, problem('INVALID_QUERY', 'kind is sdk or admin', [{ path: '?kind', code: 'INVALID_VALUE', message: 'sdk or admin' }]));
      const list = await keys.list({ ...(environment.value === undefined ? {} : { environment: environment.value }), ...(kind.value === undefined ? {} : { kind: kind.value }) });
      sendJson(res, 200, { keys: list });
    }),
    adminRoute(deps, 'POST', '/v1/keys', 'manage', async (req, res, context) => {
      const body = await bodyOf(req, res, CreateKey);
      if (body === undefined) return;
      const { comment: _, ...input } = body;
      const created = await keys.create(input, metaOf(context, commentOf(req, body)));
      if (created.ok) return sendJson(res, 201, { key: created.key, secret: created.secret, note: 'the secret is shown only now; store it' }, { 'Cache-Control': 'no-store' });
      if (created.reason === 'not_found') return sendProblem(res, problem('NOT_FOUND', `no environment "${'environment' in input ? input.environment : ''}"`, [{ path: '/environment', code: 'NOT_FOUND', message: 'no such environment' }]));
      sendProblem(res, problem('INVALID_BODY', 'the key is not valid', created.issues));
    }),
    adminRoute(deps, 'POST', '/v1/keys/:id/revoke', 'manage', async (req, res, context) => {
      const body = hasBody(req) ? await bodyOf(req, res, Revoke) : {};
      if (body === undefined) return;
      const revoked = await keys.revoke(context.params.id!, metaOf(context, commentOf(req, body)));
      if (!revoked.ok) return sendProblem(res, noSuchKey(context.params.id!));
      sendJson(res, 200, { key: revoked.key });
    }),
    adminRoute(deps, 'POST', '/v1/keys/:id/rotate', 'manage', async (req, res, context) => {
      const body = await bodyOf(req, res, Rotate);
      if (body === undefined) return;
      const overlapUntil = new Date(deps.now() + body.overlapSeconds * 1000).toISOString();
      const rotated = await keys.rotate(context.params.id!, { overlapUntil }, metaOf(context, commentOf(req, body)));
      if (rotated.ok) return sendJson(res, 201, { key: rotated.key, secret: rotated.secret, previous: { id: context.params.id, worksUntil: overlapUntil }, note: 'the secret is shown only now; store it' }, { 'Cache-Control': 'no-store' });
      if (rotated.reason === 'not_found') return sendProblem(res, noSuchKey(context.params.id!));
      sendProblem(res, problem('INVALID_BODY', 'the rotation is not valid', rotated.issues));
    }),
  ];
}
