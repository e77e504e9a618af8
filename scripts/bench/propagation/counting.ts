// Store ports that count every call by method, for the store-reads-per-evaluation figure.

import type { KeyVerifier } from '../../../shared/store/api-keys.ts';
import type { FlagStore } from '../../../shared/store/ports.ts';

export type Counts = { version: number; snapshot: number; attributes: number };

export function countingFlagStore(store: FlagStore): { store: FlagStore; counts: Counts; reset: () => void } {
  const counts: Counts = { version: 0, snapshot: 0, attributes: 0 };
  return {
    counts,
    reset: () => Object.assign(counts, { version: 0, snapshot: 0, attributes: 0 }),
    store: {
      version: (environment) => (counts.version++, store.version(environment)),
      snapshot: (environment) => (counts.snapshot++, store.snapshot(environment)),
      attributes: (environment) => (counts.attributes++, store.attributes(environment)),
    },
  };
}

export function countingKeys(keys: KeyVerifier): { keys: KeyVerifier; counts: { findByHash: number }; reset: () => void } {
  const counts = { findByHash: 0 };
  return {
    counts,
    reset: () => void (counts.findByHash = 0),
    keys: { findByHash: (hash) => (counts.findByHash++, keys.findByHash(hash)) },
  };
}
