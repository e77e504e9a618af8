// `POST /run` and `POST /`: one aggregator run, then (with `releases`) the release step: due
// scheduled changes and running plans (shared/releases/release-run.ts). The body is optional (Cloud Scheduler sends none);
// a by-hand run may lower the limits. 200 with the run's report; 503 with a problem (and the
// report) when a write failed and the messages were left for redelivery; 409 while a run is going.

import * as z from 'zod';
import { runAggregation, type AggregatorDeps, type RunLimits } from '../../shared/aggregate/aggregate-run.ts';
import { runReleases, type ReleaseRunDeps } from '../../shared/releases/release-run.ts';
import { authenticate, type KeyLookup } from '../../shared/http/auth.ts';
import { hasBody, readJsonBody } from '../../shared/http/body.ts';
import { problem } from '../../shared/http/problem.ts';
import { route, type Handler, type ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';

const RunBodySchema = z.strictObject({
  maxMessages: z.number().int().positive().optional(),
  budgetSeconds: z.number().positive().optional(),
});

/** With `keys`, a run needs an admin key of any role (it runs what the schedule would run); SDK keys get 403. */
export function runRoutes(deps: AggregatorDeps & { readonly releases?: ReleaseRunDeps }, keys?: KeyLookup): ReplyRoute[] {
  // One run at a time per instance (Terraform also keeps the function at one instance): two runs
  // would race for the outbox and Monitoring's point order.
  let running = false;
  const handle: Handler = async (request) => {
    if (keys) {
      const auth = await authenticate(request, keys, 'admin');
      if (!auth.ok) return reply.problem(auth.problem);
    }
    let limits: RunLimits = deps.limits;
    if (hasBody(request)) {
      const body = readJsonBody(request, RunBodySchema, 1024);
      if (!body.ok) return reply.problem(body.problem);
      limits = {
        ...limits,
        maxMessages: Math.min(limits.maxMessages, body.value.maxMessages ?? Infinity),
        budgetMs: Math.min(limits.budgetMs, (body.value.budgetSeconds ?? Infinity) * 1000),
      };
    }
    if (running) return reply.problem(problem('CONFLICT', 'an aggregator run is in progress on this instance; the next scheduled run continues'));
    running = true;
    try {
      const report = await runAggregation({ ...deps, limits });
      // Releases step on complete figures only: after a failed merge they wait for the next run.
      if (report.outcome === 'ok') return reply.json(200, deps.releases ? { ...report, releases: await runReleases(deps.releases) } : report);
      return reply.problem({ ...problem('UNAVAILABLE', `the run stopped: ${report.error}; unacknowledged messages will be redelivered and applied once`), report });
    } finally {
      running = false;
    }
  };
  return [route('POST', '/run', handle), route('POST', '/', handle)];
}
