// GET /v1/attributes (the environment's attribute catalogue, stored and derived) and
// GET /v1/rules/templates (starter flags).

import { admitAuthor } from '../../shared/authoring/admit.ts';
import { catalogueOf } from '../../shared/authoring/catalogue.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import { reply } from '../../shared/http/reply.ts';
import { route, type ReplyRoute } from '../../shared/http/router.ts';
import { TEMPLATES } from './templates.ts';

export function catalogueRoutes(deps: AuthoringDeps): ReplyRoute[] {
  return [
    route('GET', '/v1/attributes', async (req) => {
      const admitted = await admitAuthor(req, deps);
      if (!admitted.ok) return reply.problem(admitted.problem, admitted.headers);
      const environment = admitted.snapshot.environment;
      return reply.json(200, { environment, attributes: catalogueOf(await deps.flags.attributes(environment)) });
    }),
    route('GET', '/v1/rules/templates', async (req) => {
      const admitted = await admitAuthor(req, deps);
      if (!admitted.ok) return reply.problem(admitted.problem, admitted.headers);
      return reply.json(200, { templates: TEMPLATES });
    }),
  ];
}
