// Environments: list (any role) and create (admin role). An existing key answers 409.

import * as z from 'zod';
import { problem } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { adminRoute, metaOf, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { commentOf, etag } from './http-bits.ts';

const CreateEnvironment = z.strictObject({ key: z.string(), name: z.string().optional(), description: z.string().optional(), comment: z.string().max(2000).optional() });

export function environmentRoutes(deps: AdminDeps): ReplyRoute[] {
  return [
    // Who the key is, for the console to follow its role from sign-in on (any role may ask).
    adminRoute(deps, 'GET', '/v1/whoami', 'read', async (_req, context) => {
      const { principal, actor } = context.caller;
      return reply.json(200, { keyId: principal.keyId, name: principal.name, role: principal.role, actor });
    }),
    adminRoute(deps, 'GET', '/v1/environments', 'read', async (_req) => {
      return reply.json(200, { environments: await deps.stores.environments.list() });
    }),
    adminRoute(deps, 'POST', '/v1/environments', 'manage', async (req, context) => {
      const read = await readBody(req, CreateEnvironment);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const { comment: _, ...input } = body;
      const created = await deps.stores.environments.create(input, metaOf(context, commentOf(req, body)));
      if (created.ok) return reply.json(201, created.environment, { ETag: etag(created.environment.version), Location: `/v1/environments/${encodeURIComponent(created.environment.key)}` });
      if (created.reason === 'conflict') return reply.problem(problem('CONFLICT', `environment "${input.key}" exists already`, [{ path: '/key', code: 'CONFLICT', message: 'taken' }]));
      return reply.problem(problem('INVALID_BODY', 'the environment is not valid', created.issues));
    }),
  ];
}
