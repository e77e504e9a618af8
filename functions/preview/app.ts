// The preview function: what a flag would do before it is saved: per-user previews, rollout
// estimates, analysis, performance, and the catalogue and templates the console builds with.

import { createHttpFunction } from '../../shared/http/http-function.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import type { PreviewFunctionDeps } from './deps.ts';
import { analyzeRoute } from './analyze-route.ts';
import { catalogueRoutes } from './catalogue-routes.ts';
import { performanceRoute } from './performance-route.ts';
import { previewRoute } from './preview-route.ts';
import { rolloutEstimateRoute } from './rollout-estimate-route.ts';

export type PreviewDeps = AuthoringDeps;
export type { PreviewFunctionDeps } from './deps.ts';

export function createPreviewFunction(deps: PreviewFunctionDeps) {
  return createHttpFunction({
    name: 'preview',
    telemetry: deps.telemetry,
    cors: { origins: deps.consoleOrigins },
    routes: [previewRoute(deps), rolloutEstimateRoute(deps), analyzeRoute(deps), performanceRoute(deps), ...catalogueRoutes(deps)],
    readiness: [{ name: 'store', check: async () => void (await deps.flags.version(deps.defaultEnvironment)) }],
  });
}
