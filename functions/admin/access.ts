// Who may do what: an admin key's role against what a route needs. SDK keys never reach an admin
// route (403); a missing or wrong key gets evaluate's 401. The actor recorded for a write is the
// Identity-Aware Proxy user when IAP is configured and its signed assertion verifies, else the
// key's name; the key's id is recorded beside it either way.

import { authenticate } from '../../shared/http/auth.ts';
import type { Principal } from '../../shared/store/api-keys.ts';
import { problem, type Problem } from '../../shared/http/problem.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import type { AdminDeps } from './deps.ts';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** read: every role; write: flags, segments, attributes, import, bulk, rollback; manage: environments and keys. */
export type Need = 'read' | 'write' | 'manage';

const LEAST_ROLE = { read: 'viewer', write: 'editor', manage: 'admin' } as const satisfies Record<Need, Role>;

export type Caller = { readonly principal: Extract<Principal, { kind: 'admin' }>; readonly actor: string };
export type Access = { ok: true; caller: Caller } | { ok: false; problem: Problem; headers?: Record<string, string> };

const IAP_ASSERTION = 'x-goog-iap-jwt-assertion';

export async function admitCaller(request: HttpRequest, deps: AdminDeps, need: Need): Promise<Access> {
  const auth = await authenticate(request, deps.keys, 'admin', deps.guard);
  if (!auth.ok) return auth;
  const least = LEAST_ROLE[need];
  if (ROLES.indexOf(auth.principal.role) < ROLES.indexOf(least)) {
    return { ok: false, problem: problem('FORBIDDEN', `this needs an admin key with role "${least}" or above; this key is "${auth.principal.role}"`) };
  }
  if (!deps.iap) return { ok: true, caller: { principal: auth.principal, actor: auth.principal.name } };
  const assertion = request.headers[IAP_ASSERTION];
  const identity = await deps.iap(typeof assertion === 'string' ? assertion : undefined);
  if (!identity.ok) return { ok: false, problem: problem('UNAUTHORIZED', `this function sits behind Identity-Aware Proxy and ${identity.reason}; call it through IAP`) };
  return { ok: true, caller: { principal: auth.principal, actor: identity.email } };
}
