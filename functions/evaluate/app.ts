// The evaluate function: OFREP and batch evaluation over one environment's compiled snapshot, and
// event tracking for behavioural attributes.

import { createHttpFunction } from '../../shared/http/http-function.ts';
import { batchRoute } from './batch-route.ts';
import { ofrepRoutes } from './ofrep-routes.ts';
import type { EvaluateFunctionDeps } from './deps.ts';
import { trackRoute } from './track-route.ts';

export type { EvaluateDeps } from './request-context.ts';
export type { EvaluateFunctionDeps } from './deps.ts';

export function createEvaluateFunction(deps: EvaluateFunctionDeps) {
  return createHttpFunction({
    name: 'evaluate',
    telemetry: deps.telemetry,
    // Browser SDKs call from any origin with client-side keys.
    cors: { origins: '*' },
    routes: [...ofrepRoutes(deps), batchRoute(deps), ...(deps.behavior ? [trackRoute({ ...deps, behavior: deps.behavior })] : [])],
  });
}
