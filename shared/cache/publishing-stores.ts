// The admin function's stores, announcing every accepted write before it is acknowledged: the
// environment's new snapshot goes to the snapshot tier (with Redis), and a notice to the change
// feed (every evaluate and stream instance; in one process, synchronously, which is what makes a
// write readable by the very next evaluation). An announcement that fails never fails the write
// (it is in the store already): instances still confirm the version within the freshness bound.

import type { Repository } from '../store/document-ports.ts';
import type { AdminStores, Snapshot } from '../store/ports.ts';
import { movedEnvironment } from '../store/key-plan.ts';
import type { ChangeFeed } from './change-feed.ts';

export type Announce = (environment: string) => Promise<void>;

/** `forgetKey` removes a revoked key from the Redis key mirror (shared/cache/key-mirror.ts). */
export function publishingStores(stores: AdminStores, announce: Announce, forgetKey?: (keyId: string) => Promise<void>): AdminStores {
  const quietly = (environment: string) => announce(environment).catch(() => undefined);
  const after = <A extends unknown[], R extends { ok: boolean }>(write: (environment: string, ...rest: A) => Promise<R>) =>
    async (environment: string, ...rest: A): Promise<R> => {
      const result = await write(environment, ...rest);
      if (result.ok) await quietly(environment);
      return result;
    };
  const repository = <T>(inner: Repository<T>): Repository<T> => ({ ...inner, put: after(inner.put), remove: after(inner.remove) });
  const { flags, segments, attributes } = stores.documents;
  return {
    ...stores,
    documents: { flags: repository(flags), segments: repository(segments), attributes: repository(attributes) },
    imports: { ...stores.imports, importDocuments: after(stores.imports.importDocuments) },
    apiKeys: {
      ...stores.apiKeys,
      // Revoking or rotating an SDK key moves its environment's version (shared/store/key-plan.ts).
      revoke: async (id, meta) => {
        const result = await stores.apiKeys.revoke(id, meta);
        if (result.ok && forgetKey) await forgetKey(id);
        const environment = result.ok ? movedEnvironment(result.key) : undefined;
        if (environment !== undefined) await quietly(environment);
        return result;
      },
      rotate: async (id, options, meta) => {
        const result = await stores.apiKeys.rotate(id, options, meta);
        const environment = result.ok ? movedEnvironment(result.key) : undefined;
        if (environment !== undefined) await quietly(environment);
        return result;
      },
    },
    environments: {
      ...stores.environments,
      create: async (input, meta) => {
        const result = await stores.environments.create(input, meta);
        if (result.ok) await quietly(input.key);
        return result;
      },
    },
  };
}

/**
 * Announces an environment's current state: with a tier, its snapshot is read from the store and
 * published there first (so a notice never points instances at a tier that lacks the version);
 * then the feed hears the version.
 */
export function announcer(stores: Pick<AdminStores, 'flags'>, changes: ChangeFeed, options: { tier?: (snapshot: Snapshot) => Promise<void>; now?: () => number } = {}): Announce {
  const now = options.now ?? Date.now;
  return async (environment) => {
    let version: number | undefined;
    if (options.tier) {
      const snapshot = await stores.flags.snapshot(environment);
      if (snapshot) {
        await options.tier(snapshot).catch(() => undefined);
        version = snapshot.version;
      }
    }
    version ??= await stores.flags.version(environment);
    if (version !== undefined) await changes.publish({ environment, version, at: now() });
  };
}
