// The rollup store of a configuration, one per process: on Firestore through the process's one
// client (shared/backends.ts), else one in memory that the local product's aggregate (which
// writes it) and admin (which reads usage) share.

import { backendsFor } from '../backends.ts';
import { createFirestoreRollupStore } from './firestore-rollup-store.ts';
import { createMemoryRollupStore } from './memory-rollup-store.ts';
import type { RollupStore } from './rollup-store.ts';

const built = new WeakMap<object, RollupStore>();
let memory: RollupStore | undefined;

export function rollupStoreFor(config: Parameters<typeof backendsFor>[0]): RollupStore {
  const { firestore } = backendsFor(config);
  if (!firestore) return (memory ??= createMemoryRollupStore());
  let store = built.get(firestore);
  if (!store) {
    store = createFirestoreRollupStore(firestore);
    built.set(firestore, store);
  }
  return store;
}
