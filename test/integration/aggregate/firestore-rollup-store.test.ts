// The rollup store contract against the Firestore adapter on the official emulator.

import { Firestore } from '@google-cloud/firestore';
import { createFirestoreRollupStore } from '../../../shared/aggregate/firestore-rollup-store.ts';
import { firestoreEmulator, resetFirestore } from '../../helpers/services.ts';
import { describeRollupStore } from '../../unit/aggregate/rollup-store-contract.ts';

describe('Firestore rollup store (emulator)', function () {
  this.timeout(30_000);
  let db: Firestore | undefined;
  before(() => {
    const { host, projectId } = firestoreEmulator();
    process.env.FIRESTORE_EMULATOR_HOST = host;
    db = new Firestore({ projectId, ignoreUndefinedProperties: true });
  });
  after(async () => {
    await db?.terminate();
  });

  describeRollupStore('firestore', async () => {
    await resetFirestore();
    return createFirestoreRollupStore(db!);
  });
});
