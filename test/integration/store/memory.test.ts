// The store contracts against the embedded default (what `npm start` runs on).

import { createBackdooredMemoryStore } from '../../helpers/memory-backdoor.ts';
import { describeStoreContracts } from '../../contract/index.ts';

describeStoreContracts(
  'memory store',
  async (clock) => {
    const store = createBackdooredMemoryStore({ environments: {}, keys: [] }, { now: clock.now });
    return {
      stores: store,
      clock,
      writeRaw: async (target, record) => ('apiKeyHash' in target ? store.raw.writeKey(target.apiKeyHash, record) : store.raw.writeDocument(target.environment, target.kind, target.key, record)),
    };
  },
  { writers: 10, rounds: 3, timeoutMs: 10_000 },
);
