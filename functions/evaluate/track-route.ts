// POST /v1/track: one event (or `count` of them) for a targeting key, counted in today's bucket
// for the `behavior.<event>.count_<N>d` attributes. 202 once recorded; 503 when the counter store
// (Redis) cannot take it, so the SDK may retry.

import * as z from 'zod';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { problem } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { admitServer, type EvaluateDeps } from './request-context.ts';

const TrackSchema = z.strictObject({
  targetingKey: z.string().min(1).max(256),
  event: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64'),
  count: z.number().int().min(1).max(1000).default(1),
});

export function trackRoute(deps: EvaluateDeps & { readonly behavior: NonNullable<EvaluateDeps['behavior']> }): ReplyRoute {
  return jsonRoute({
    path: '/v1/track',
    admit: (req) => admitServer(req, deps, 'tracking events'),
    schema: TrackSchema,
    limitBytes: 4096,
    handle: async (_req, admitted, body) => {
      try {
        await deps.behavior.record(admitted.principal.environment, body.targetingKey, body.event, body.count, admitted.now);
      } catch {
        return reply.problem(problem('UNAVAILABLE', 'the event could not be recorded; retry later'));
      }
      return reply.json(202, { accepted: true, event: body.event, count: body.count });
    },
  });
}
