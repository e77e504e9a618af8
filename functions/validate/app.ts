// The validate function: rule documents checked for the console before anything is saved.

import { createHttpFunction } from '../../shared/http/http-function.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import type { ValidateFunctionDeps } from './deps.ts';
import { validateRoute } from './validate-route.ts';

export type ValidateDeps = AuthoringDeps;
export type { ValidateFunctionDeps } from './deps.ts';

export function createValidateFunction(deps: ValidateFunctionDeps) {
  return createHttpFunction({
    name: 'validate',
    telemetry: deps.telemetry,
    cors: { origins: deps.consoleOrigins },
    routes: [validateRoute(deps)],
    readiness: [{ name: 'store', check: async () => void (await deps.flags.version(deps.defaultEnvironment)) }],
  });
}
