// Environments: list (any role) and create (admin role). An existing key answers 409.

import * as z from 'zod';
import { problem } from '../../shared/http/problem.ts';
import type { Route } from '../../shared/http/router.ts';
import { sendJson, sendProblem } from '../../shared/http/send.ts';
import { adminRoute, bodyOf, metaOf } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { commentOf, etag } from './http-bits.ts';

const CreateEnvironment = z.strictObject({ key: z.string(), name: z.string().optional(), description: z.string().optional(), comment: z.string().max(2000).optional() });

export function environmentRoutes(deps: AdminDeps): Route[] {
  return [
    // Who the key is, for the console to follow its role from sign-in on (any role may ask).
    adminRoute(deps, 'GET', '/v1/whoami', 'read', async (_req, res, context) => {
      const { principal, actor } = context.caller;
      sendJson(res, 200, { keyId: principal.keyId, name: principal.name, role: principal.role, actor });
    }),
    adminRoute(deps, 'GET', '/v1/environments', 'read', async (_req, res) => {
      sendJson(res, 200, { environments: await deps.stores.environments.list() });
    }),
    adminRoute(deps, 'POST', '/v1/environments', 'manage', async (req, res, context) => {
      const body = await bodyOf(req, res, CreateEnvironment);
      if (body === undefined) return;
      const { comment: _, ...input } = body;
      const created = await deps.stores.environments.create(input, metaOf(context, commentOf(req, body)));
      if (created.ok) return sendJson(res, 201, created.environment, { ETag: etag(created.environment.version), Location: `/v1/environments/${encodeURIComponent(created.environment.key)}` });
      if (created.reason === 'conflict') return sendProblem(res, problem('CONFLICT', `environment "${input.key}" exists already`, [{ path: '/key', code: 'CONFLICT', message: 'taken' }]));
      sendProblem(res, problem('INVALID_BODY', 'the environment is not valid', created.issues));
    }),
  ];
}
