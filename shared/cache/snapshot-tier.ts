// The snapshot tier between the evaluate instances and the store: the latest published snapshot
// of each environment, stamped with its version. Redis in production (redis-snapshots.ts); the
// in-memory one here serves the contract suite and single-process setups.

import type { Snapshot } from '../store/ports.ts';

export type SnapshotTier = {
  /** The latest published version, or undefined when none was published (or it expired). */
  readonly version: (environment: string) => Promise<number | undefined>;
  /** The latest published snapshot; a corrupt one is reported through `onCorrupt` and read as undefined. */
  readonly snapshot: (environment: string) => Promise<Snapshot | undefined>;
  /** Stores the snapshot unless a newer version is already published (writers may finish out of order). */
  readonly publish: (snapshot: Snapshot) => Promise<void>;
};

export function createMemorySnapshotTier(): SnapshotTier {
  const held = new Map<string, string>();
  return {
    version: async (environment) => {
      const text = held.get(environment);
      return text === undefined ? undefined : (JSON.parse(text) as Snapshot).version;
    },
    snapshot: async (environment) => {
      const text = held.get(environment);
      return text === undefined ? undefined : (JSON.parse(text) as Snapshot);
    },
    publish: async (snapshot) => {
      const text = held.get(snapshot.environment);
      if (text !== undefined && (JSON.parse(text) as Snapshot).version >= snapshot.version) return;
      held.set(snapshot.environment, JSON.stringify(snapshot));
    },
  };
}
