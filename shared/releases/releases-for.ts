// The release store of a configuration, one per process: on Firestore through the process's one
// client (shared/backends.ts); else in memory, writing flag steps through the embedded store's
// publishing flag repository, shared by the local product's admin (plans) and aggregate (steps).

import { backendsFor } from '../backends.ts';
import { layout } from '../store/firestore/layout.ts';
import { createFirestoreReleaseStore } from './firestore-release-store.ts';
import { createMemoryReleaseStore } from './memory-release-store.ts';
import type { ReleaseStore } from './release-store.ts';

const built = new WeakMap<object, ReleaseStore>();

export function releaseStoreFor(config: Parameters<typeof backendsFor>[0]): ReleaseStore {
  const { firestore, stores } = backendsFor(config);
  const owner: object = firestore ?? stores;
  let store = built.get(owner);
  if (!store) {
    store = firestore
      ? createFirestoreReleaseStore(firestore, layout(firestore))
      : createMemoryReleaseStore({ flags: stores.documents.flags, environmentExists: async (environment) => (await stores.flags.version(environment)) !== undefined });
    built.set(owner, store);
  }
  return store;
}
