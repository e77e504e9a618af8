// The evaluate function's view of the store, through the snapshot tier: versions are asked of the
// tier (Redis) and snapshots read from it, with the store (Firestore) behind it for what the tier
// lacks, holds corrupt, or cannot answer (timeout, breaker open). Whatever is read from the store
// is published to the tier, so the next instance finds it there.

import type { FlagStore, Snapshot } from '../store/ports.ts';
import type { Breaker } from './breaker.ts';
import type { SnapshotTier } from './snapshot-tier.ts';

export type TieredStoreOptions = {
  readonly tier: SnapshotTier;
  /** Guards every tier call; a refused or failed call falls through to the store. */
  readonly breaker: Breaker;
};

export function createTieredFlagStore(store: FlagStore, options: TieredStoreOptions): FlagStore {
  const { tier, breaker } = options;
  /** The version last learned per environment, and the last snapshot served (to republish). */
  const learned = new Map<string, number>();
  const served = new Map<string, Snapshot>();
  const fromTier = <T>(call: () => Promise<T>): Promise<T | 'unavailable'> => breaker.run(call).catch(() => 'unavailable' as const);
  const publish = (snapshot: Snapshot) => void fromTier(() => tier.publish(snapshot));

  return {
    version: async (environment, atLeast = 0) => {
      const published = await fromTier(() => tier.version(environment));
      // Behind what a notice announced (a publish to the tier was lost): the store decides.
      if (typeof published === 'number' && published >= atLeast) {
        learned.set(environment, published);
        return published;
      }
      const version = await store.version(environment);
      if (version === undefined) return undefined;
      learned.set(environment, version);
      // Nothing published (first use, or the version expired after a lost publish), or the tier is
      // behind: put back what we hold when it is the store's version.
      const held = served.get(environment);
      if (published !== 'unavailable' && held?.version === version) publish(held);
      return version;
    },
    snapshot: async (environment) => {
      const wanted = learned.get(environment);
      const published = await fromTier(() => tier.snapshot(environment));
      if (published !== 'unavailable' && published !== undefined && (wanted === undefined || published.version >= wanted)) {
        served.set(environment, published);
        return published;
      }
      const snapshot = await store.snapshot(environment);
      if (snapshot) {
        served.set(environment, snapshot);
        publish(snapshot);
      }
      return snapshot;
    },
    attributes: (environment) => store.attributes(environment),
  };
}
