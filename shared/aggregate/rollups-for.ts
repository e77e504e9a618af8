// The rollup store of a configuration, one per process: Firestore when the store is, else one in
// memory that the local product's aggregate (which writes it) and admin (which reads usage) share.

import type { RuntimeConfig } from '../config/runtime-config.ts';
import { firestoreModule } from '../store/firestore/client-module.ts';
import { createFirestoreRollupStore } from './firestore-rollup-store.ts';
import { createMemoryRollupStore } from './memory-rollup-store.ts';
import type { RollupStore } from './rollup-store.ts';

let memory: RollupStore | undefined;
let firestore: RollupStore | undefined;

export function rollupStoreFor(config: Pick<RuntimeConfig, 'SWITCHYARD_STORE' | 'GOOGLE_CLOUD_PROJECT'>): RollupStore {
  if (config.SWITCHYARD_STORE === 'firestore') {
    return (firestore ??= createFirestoreRollupStore(new (firestoreModule().Firestore)({ projectId: config.GOOGLE_CLOUD_PROJECT, ignoreUndefinedProperties: true })));
  }
  return (memory ??= createMemoryRollupStore());
}
