// The release store's contract on the embedded store and on Firestore's emulator.

import { Firestore } from '@google-cloud/firestore';
import { createFirestoreReleaseStore } from '../../../shared/releases/firestore-release-store.ts';
import { createMemoryReleaseStore } from '../../../shared/releases/memory-release-store.ts';
import { createFirestoreStores } from '../../../shared/store/firestore/index.ts';
import { layout } from '../../../shared/store/firestore/layout.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { describeReleaseStore } from '../../contract/release-store.contract.ts';
import { firestoreEmulator, resetFirestore } from '../../helpers/services.ts';

describeReleaseStore('memory', async (clock) => {
  const stores = createMemoryStore({ environments: {}, keys: [] }, { now: clock.now });
  const releases = createMemoryReleaseStore({ flags: stores.documents.flags, environmentExists: async (e) => (await stores.flags.version(e)) !== undefined });
  return { stores, releases, clock };
});

describe('on the Firestore emulator', function () {
  this.timeout(30_000);
  let db: Firestore | undefined;
  before(() => {
    const { host, projectId } = firestoreEmulator();
    process.env.METADATA_SERVER_DETECTION = 'none';
    process.env.FIRESTORE_EMULATOR_HOST = host;
    db = new Firestore({ projectId, ignoreUndefinedProperties: true });
  });
  after(async () => {
    await db?.terminate();
  });

  describeReleaseStore('firestore', async (clock) => {
    if (!db) throw new Error('the Firestore client was not created');
    await resetFirestore();
    return { stores: createFirestoreStores(db, { now: clock.now }), releases: createFirestoreReleaseStore(db, layout(db), clock.now), clock };
  });
});
