// Notices that an environment changed: the accelerator of the freshness contract. A notice makes an
// evaluate instance load the new snapshot before its next answer, and a stream instance tell its
// browsers at once. Notices may be lost (Redis down, a dead subscription): correctness never rests
// on them, but on the version confirmation of shared/cache/snapshot-cache.ts.

export type Change = {
  readonly environment: string;
  /** The environment's version after the change. */
  readonly version: number;
  /** When the writer acknowledged it (epoch ms): what the write-to-notice delay is measured from. */
  readonly at: number;
};

export type ChangeFeed = {
  /** Tells every subscriber, in this process and (for a shared feed) in every other. */
  readonly publish: (change: Change) => Promise<void>;
  /** Listens to every environment's changes; returns the function that stops listening. */
  readonly subscribe: (listener: (change: Change) => void) => () => void;
};

/** One process's feed: listeners are called synchronously from `publish`, before it resolves. */
export function createLocalChangeFeed(): ChangeFeed {
  const listeners = new Set<(change: Change) => void>();
  return {
    publish: async (change) => {
      for (const listener of listeners) listener(change);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

