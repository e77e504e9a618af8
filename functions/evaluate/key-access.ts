// What an SDK key's kind allows in evaluation. Client keys ship in browsers: they evaluate only
// flags marked clientVisible (others do not exist for them) and never track or batch. Where each
// kind may be used from is shared/http/auth.ts's `originRefusal`.

import type { Principal } from '../../shared/store/api-keys.ts';
import { problem, type Problem } from '../../shared/http/problem.ts';
import type { CompiledSnapshot } from '../../shared/cache/snapshot-cache.ts';

type SdkPrincipal = Extract<Principal, { kind: 'sdk' }>;

/** Batch evaluation and tracking are for servers: a client key is refused there. */
export function needsServerKey(principal: SdkPrincipal, what: string): Problem | undefined {
  return principal.access === 'client' ? problem('FORBIDDEN', `${what} needs a server SDK key; this is a client key, which only evaluates flags marked clientVisible`) : undefined;
}

/** Whether the key may see the flag at all (a client key sees only clientVisible flags). */
export function visibleTo(principal: SdkPrincipal, snapshot: CompiledSnapshot, key: string): boolean {
  return principal.access === 'server' || snapshot.clientVisible.has(key);
}

/** The flags a bulk answer lists for this key, in order. */
export const keysFor = (principal: SdkPrincipal, snapshot: CompiledSnapshot): readonly string[] => (principal.access === 'server' ? snapshot.keys : snapshot.clientKeys);
