// The Firestore adapter: every port of shared/store/ports.ts over one `Firestore` client. The
// caller builds the client (project, emulator host, `ignoreUndefinedProperties`); records are
// stripped of undefined fields here anyway, so any client settings work.

import type { Firestore } from '@google-cloud/firestore';
import { cryptoRandomness, type KeyRandomness } from '../key-plan.ts';
import type { AdminStores, FlagStore } from '../ports.ts';
import { decodeEnvironment } from '../codec.ts';
import { liveDocuments, snapshotOf } from '../read-model.ts';
import { firestoreAudit, firestoreEnvironments, firestoreKeys } from './admin.ts';
import { firestoreRepository } from './documents.ts';
import { firestoreImporter } from './import.ts';
import { dataOf, fromFirestore, layout, type Layout } from './layout.ts';

export type FirestoreStoreOptions = { readonly now?: () => number; readonly random?: KeyRandomness };

const records = (docs: { docs: { id: string; data: () => unknown }[] }) => docs.docs.map((d) => ({ id: d.id, data: fromFirestore(d.data()) }));

function firestoreFlagStore(db: Firestore, paths: Layout): FlagStore {
  return {
    version: async (environment) => decodeEnvironment(dataOf(await paths.environment(environment).get()))?.version,
    // One read-only transaction, so the version and the documents are of one moment.
    snapshot: (environment) =>
      db.runTransaction(async (tx) => {
        const [env, flags, segments] = await Promise.all([tx.get(paths.environment(environment)), tx.get(paths.documents(environment, 'flags')), tx.get(paths.documents(environment, 'segments'))]);
        const version = decodeEnvironment(dataOf(env))?.version;
        return version === undefined ? undefined : snapshotOf(environment, version, records(flags), records(segments));
      }, { readOnly: true }),
    attributes: async (environment) => liveDocuments('attributes', records(await paths.documents(environment, 'attributes').get())).items.map((i) => i.document),
  };
}

export function createFirestoreStores(db: Firestore, options: FirestoreStoreOptions = {}): AdminStores {
  const now = options.now ?? Date.now;
  const paths = layout(db);
  const apiKeys = firestoreKeys(db, paths, now, options.random ?? cryptoRandomness);
  return {
    flags: firestoreFlagStore(db, paths),
    keys: apiKeys,
    apiKeys,
    environments: firestoreEnvironments(db, paths, now),
    audit: firestoreAudit(paths),
    imports: firestoreImporter(db, paths, now),
    documents: {
      flags: firestoreRepository(db, paths, 'flags', now),
      segments: firestoreRepository(db, paths, 'segments', now),
      attributes: firestoreRepository(db, paths, 'attributes', now),
    },
  };
}
