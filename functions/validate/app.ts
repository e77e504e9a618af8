// The validate function: rule documents checked for the console before anything is saved.

import { createHttpFunction } from '../../shared/http/http-function.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import { validateRoute } from './validate-route.ts';

export type ValidateDeps = AuthoringDeps;

export function createValidateFunction(deps: ValidateDeps) {
  return createHttpFunction({
    name: 'validate',
    cors: { origins: deps.consoleOrigins },
    routes: [validateRoute(deps)],
    readiness: [{ name: 'store', check: async () => void (await deps.flags.version(deps.defaultEnvironment)) }],
  });
}
