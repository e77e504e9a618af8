// The admin function: CRUD with If-Match for flags, segments and attributes, their history,
// diff and rollback, bulk actions, import and export, environments and API keys.

import { createHttpFunction } from '../../shared/http/http-function.ts';
import { bulkRoute } from './bulk-route.ts';
import type { AdminFunctionDeps } from './deps.ts';
import { documentRoutes } from './document-routes.ts';
import { environmentRoutes } from './environment-routes.ts';
import { historyRoutes } from './history-routes.ts';
import { usageRoute } from './usage-route.ts';
import { usageOverviewRoute } from './usage-overview-route.ts';
import { keyRoutes } from './key-routes.ts';
import { plannedChangeRoutes } from './release-routes.ts';
import { transferRoutes } from './transfer-routes.ts';

export type { AdminDeps, AdminFunctionDeps } from './deps.ts';

export function createAdminFunction(deps: AdminFunctionDeps) {
  return createHttpFunction({
    name: 'admin',
    telemetry: deps.telemetry,
    cors: { origins: deps.consoleOrigins },
    routes: [...environmentRoutes(deps), ...keyRoutes(deps), bulkRoute(deps), ...transferRoutes(deps), ...documentRoutes(deps), ...historyRoutes(deps), usageRoute(deps), usageOverviewRoute(deps), ...plannedChangeRoutes(deps)],
    readiness: [{ name: 'store', check: async () => void (await deps.stores.environments.list()) }],
  });
}
