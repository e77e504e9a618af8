// This branch's configuration-based wiring of the releases (shared/backends.ts builds one set of
// backends per configuration): the release store once per backends, shared by the local product's
// admin, evaluate and aggregate. A composition root that holds its backends calls
// release-factories.ts directly instead.

import { backendsFor } from '../backends.ts';
import { createReleaseStore } from './release-factories.ts';
import type { ReleaseStore } from './release-store.ts';

const built = new WeakMap<object, ReleaseStore>();

export function releaseStoreFor(config: Parameters<typeof backendsFor>[0]): ReleaseStore {
  const { firestore, stores } = backendsFor(config);
  const owner: object = firestore ?? stores;
  let store = built.get(owner);
  if (!store) {
    store = createReleaseStore({ ...(firestore ? { firestore } : {}), flags: stores.documents.flags, flagStore: stores.flags });
    built.set(owner, store);
  }
  return store;
}
