// The aggregate function: `POST /run` (and `POST /`, what Cloud Scheduler calls) runs the
// aggregator once, then the release step; /healthz and /readyz (the subscription and the rollup store) as everywhere.

import type { AggregatorDeps } from '../../shared/aggregate/aggregate-run.ts';
import type { ReleaseRunDeps } from '../../shared/releases/release-run.ts';
import type { KeyLookup } from '../../shared/http/auth.ts';
import { createHttpFunction } from '../../shared/http/http-function.ts';
import { runRoutes } from './run-route.ts';

/** `releases`: the release step (issue 17) run after each successful merge; none without it. */
export type AggregateDeps = AggregatorDeps & { readonly releases?: ReleaseRunDeps };

/**
 * `keys`: where runs need an admin key (the local product, where nothing stands in front of the
 * port). Deployed, the function is private and Cloud Scheduler's OIDC token is checked by IAM
 * before a request reaches it, so no key is asked for there.
 */
export type AggregateAccess = { readonly keys?: KeyLookup };

export function createAggregateFunction(deps: AggregateDeps, access: AggregateAccess = {}) {
  return createHttpFunction({
    name: 'aggregate',
    // Called by Cloud Scheduler with an OIDC token (IAM decides who may invoke), never by a browser.
    cors: { origins: [] },
    routes: runRoutes(deps, access.keys),
    readiness: [
      { name: 'pubsub', check: () => deps.source.check() },
      { name: 'store', check: async () => void (await deps.store.pending()) },
    ],
  });
}
