// Who may do what: an admin key's role against what a route needs. SDK keys never reach an admin
// route (403); a missing or wrong key gets evaluate's 401. The actor recorded for a write is the
// Identity-Aware Proxy user when IAP fronts the function, else the key's name.

import { authenticate, type Principal } from '../../shared/http/auth.ts';
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

const IAP_HEADER = 'x-goog-authenticated-user-email';

export function actorOf(request: HttpRequest, principal: Caller['principal']): string {
  const iap = request.headers[IAP_HEADER];
  const email = typeof iap === 'string' ? iap.replace(/^accounts\.google\.com:/, '').trim() : '';
  return email.length > 0 ? email : principal.name;
}

export async function admitCaller(request: HttpRequest, deps: AdminDeps, need: Need): Promise<Access> {
  const auth = await authenticate(request, deps.keys, 'admin', deps.guard);
  if (!auth.ok) return auth;
  const least = LEAST_ROLE[need];
  if (ROLES.indexOf(auth.principal.role) < ROLES.indexOf(least)) {
    return { ok: false, problem: problem('FORBIDDEN', `this needs an admin key with role "${least}" or above; this key is "${auth.principal.role}"`) };
  }
  return { ok: true, caller: { principal: auth.principal, actor: actorOf(request, auth.principal) } };
}
