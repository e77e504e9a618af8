// Keys chosen outside the store (SWITCHYARD_ADMIN_KEY from Secret Manager, SWITCHYARD_SDK_KEY for
// a local run) registered in it under their own secret, so the first admin key of a fresh
// Firestore exists without anyone reaching the database by hand. A key already there, revoked
// or not, is left as it is: adopting never revives a revoked key.

import type { KeyScope, KeyStore } from './admin-ports.ts';
import { cryptoRandomness, type KeyRandomness } from './key-plan.ts';
import type { WriteMeta } from './results.ts';
import { hashKey } from './api-keys.ts';

export type KeyAdopter = (secret: string, scope: KeyScope & { readonly name: string }, meta: WriteMeta) => Promise<'created' | 'exists' | 'refused'>;

/** `keysWith(random)` gives the key store issuing with the given randomness. */
export function keyAdopter(exists: (hash: string) => Promise<boolean>, keysWith: (random: KeyRandomness) => KeyStore): KeyAdopter {
  return async (secret, scope, meta) => {
    if (await exists(hashKey(secret))) return 'exists';
    const issued = await keysWith({ id: cryptoRandomness.id, secret: () => secret }).create(scope, meta);
    return issued.ok ? 'created' : 'refused';
  };
}
