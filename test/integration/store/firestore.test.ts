// The store contracts against the Firestore adapter on Google's official emulator (started by
// `npm test`; see test/helpers/services.ts). The emulator is emptied before each test.

import { Firestore } from '@google-cloud/firestore';
import { createFirestoreStores } from '../../../shared/store/firestore/index.ts';
import { documentId } from '../../../shared/store/firestore/layout.ts';
import { describeStoreContracts } from '../../contract/index.ts';
import { firestoreEmulator, resetFirestore } from '../../helpers/services.ts';

describe('Firestore store (emulator)', function () {
  this.timeout(30_000);
  let db: Firestore | undefined;

  before(() => {
    // Throws, naming the variable and how to start the emulator, when it is not running.
    const { host, projectId } = firestoreEmulator();
    process.env.METADATA_SERVER_DETECTION = 'none';
    process.env.FIRESTORE_EMULATOR_HOST = host;
    db = new Firestore({ projectId, ignoreUndefinedProperties: true });
  });
  after(async () => {
    await db?.terminate();
  });

  describeStoreContracts(
    'firestore',
    async (clock) => {
      if (!db) throw new Error('the Firestore client was not created');
      const client = db;
      await resetFirestore();
      return {
        stores: createFirestoreStores(client, { now: clock.now }),
        clock,
        writeRaw: async (target, record) => {
          const path = 'apiKeyHash' in target ? `apiKeys/${target.apiKeyHash}` : `environments/${documentId(target.environment)}/${target.kind}/${documentId(target.key)}`;
          await client.doc(path).set(record as Record<string, unknown>);
        },
      };
    },
    { writers: 10, rounds: 3, timeoutMs: 120_000 },
  );
});
