// The aggregate function: `POST /run` (and `POST /`, what Cloud Scheduler calls) runs the
// aggregator once; /healthz and /readyz (the subscription and the rollup store) as everywhere.

import type { AggregatorDeps } from '../../shared/aggregate/aggregate-run.ts';
import { createHttpFunction } from '../../shared/http/http-function.ts';
import { runRoutes } from './run-route.ts';

export type AggregateDeps = AggregatorDeps;

export function createAggregateFunction(deps: AggregateDeps) {
  return createHttpFunction({
    name: 'aggregate',
    // Called by Cloud Scheduler with an OIDC token (IAM decides who may invoke), never by a browser.
    cors: { origins: [] },
    routes: runRoutes(deps),
    readiness: [
      { name: 'pubsub', check: () => deps.source.check() },
      { name: 'store', check: async () => void (await deps.store.pending()) },
    ],
  });
}
