// POST /v1/track: one event (or `count` of them) for a user. Counted in today's bucket for the
// `behavior.<event>.count_<N>d` attributes, and, for each flag with a running release plan,
// attributed to the variant the user is served now (shared/releases/attribution.ts) with its
// `value`. Takes `{ event, context, value? }` (OpenFeature's track(name, context, details)) or the
// older `{ targetingKey, event, count? }`. 202 once recorded; 503 when the counter store (Redis)
// cannot take it, so the SDK may retry.

import * as z from 'zod';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { problem } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { attributeEvent } from '../../shared/releases/attribution.ts';
import { admitServer, prepareContext, sourcesOf, type EvaluateDeps } from './request-context.ts';
import { dedupe, wantsOf, withBehavior } from './behavior.ts';

const TrackSchema = z
  .strictObject({
    event: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64'),
    context: z.record(z.string(), z.unknown()).optional(),
    targetingKey: z.string().min(1).max(256).optional(),
    count: z.number().int().min(1).max(1000).default(1),
    /** A measurement the event carries (a latency in ms): what a release's mean guard compares. */
    value: z.number().finite().optional(),
  })
  .superRefine((body, ctx) => {
    const key = body.targetingKey ?? body.context?.targetingKey;
    if (typeof key !== 'string' || key.length === 0 || key.length > 256) ctx.addIssue({ code: 'custom', path: body.context ? ['context', 'targetingKey'] : ['targetingKey'], message: 'a targeting key (1 to 256 characters) is required' });
    if (body.value !== undefined && body.count !== 1) ctx.addIssue({ code: 'custom', path: ['count'], message: 'an event with a value counts once' });
  });

export function trackRoute(deps: EvaluateDeps & { readonly behavior: NonNullable<EvaluateDeps['behavior']> }): ReplyRoute {
  return jsonRoute({
    path: '/v1/track',
    admit: (req) => admitServer(req, deps, 'tracking events'),
    schema: TrackSchema,
    limitBytes: 16 * 1024,
    handle: async (req, admitted, body) => {
      const environment = admitted.principal.environment;
      const targetingKey = (body.targetingKey ?? body.context?.targetingKey) as string;
      const context = prepareContext({ ...body.context, targetingKey }, req, admitted.now, deps, sourcesOf(admitted.snapshot));
      if (!context.ok) return reply.problem(problem('INVALID_CONTEXT', context.details, context.errors));
      const running = deps.releases ? await deps.releases.running(environment).catch(() => undefined) : undefined;
      let attributed: ReturnType<typeof attributeEvent> = [];
      if (running && deps.metrics && running.size > 0) {
        // Served as evaluate would serve it now: with the user's behavioural counts, read before this event counts.
        const wants = dedupe([...running.keys()].flatMap((key) => wantsOf(admitted.snapshot.flags.get(key))));
        const served = await withBehavior(context.context, wants, environment, admitted.now, deps);
        attributed = attributeEvent(environment, admitted.snapshot.flags, running, served, admitted.now, { event: body.event, count: body.count, ...(body.value === undefined ? {} : { value: body.value }) }, deps.metrics);
      }
      try {
        await deps.behavior.record(environment, targetingKey, body.event, body.count, admitted.now);
      } catch {
        return reply.problem(problem('UNAVAILABLE', 'the event could not be recorded; retry later'));
      }
      return reply.json(202, { accepted: true, event: body.event, count: body.count, ...(attributed.length > 0 ? { attributed } : {}) });
    },
  });
}
