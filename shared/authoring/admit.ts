// What every authoring route does first: authenticate an admin key (any role may validate and
// preview: neither writes anything) and load the environment named by `?environment=`.

import { authenticate } from '../http/auth.ts';
import type { Principal } from '../store/api-keys.ts';
import { problem, type Problem } from '../http/problem.ts';
import { queryParam, unknownQuery } from '../http/query.ts';
import type { HttpRequest } from '../http/types.ts';
import type { Snapshot } from '../store/ports.ts';
import type { AuthoringDeps } from './deps.ts';

export type Admitted =
  | { ok: true; principal: Extract<Principal, { kind: 'admin' }>; snapshot: Snapshot }
  | { ok: false; problem: Problem; headers?: Record<string, string> };

export async function admitAuthor(request: HttpRequest, deps: AuthoringDeps): Promise<Admitted> {
  const auth = await authenticate(request, deps.keys, 'admin', deps.guard);
  if (!auth.ok) return auth;
  // `environment` is the only parameter an authoring route reads; a misspelt one would read the default environment.
  const stray = unknownQuery(request, ['environment']);
  if (stray) return { ok: false, problem: stray };
  const environment = queryParam(request, 'environment');
  if (!environment.ok) return environment;
  const name = environment.value ?? deps.defaultEnvironment;
  const snapshot = await deps.flags.snapshot(name);
  if (!snapshot) {
    return { ok: false, problem: problem('NOT_FOUND', `no environment "${name}"`, [{ path: '?environment', code: 'NOT_FOUND', message: `no environment "${name}"` }]) };
  }
  return { ok: true, principal: auth.principal, snapshot };
}
