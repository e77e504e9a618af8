// GET /v1/attributes (the environment's attribute catalogue, stored and derived) and
// GET /v1/rules/templates (starter flags).

import { admitAuthor } from '../../shared/authoring/admit.ts';
import { catalogueOf } from '../../shared/authoring/catalogue.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import type { Route } from '../../shared/http/router.ts';
import { sendJson, sendProblem } from '../../shared/http/send.ts';
import { TEMPLATES } from './templates.ts';

export function catalogueRoutes(deps: AuthoringDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/attributes',
      handler: async (req, res) => {
        const admitted = await admitAuthor(req, deps);
        if (!admitted.ok) return sendProblem(res, admitted.problem, admitted.headers);
        const environment = admitted.snapshot.environment;
        sendJson(res, 200, { environment, attributes: catalogueOf(await deps.flags.attributes(environment)) });
      },
    },
    {
      method: 'GET',
      path: '/v1/rules/templates',
      handler: async (req, res) => {
        const admitted = await admitAuthor(req, deps);
        if (!admitted.ok) return sendProblem(res, admitted.problem, admitted.headers);
        sendJson(res, 200, { templates: TEMPLATES });
      },
    },
  ];
}
