// The admin function's stores, publishing each environment's new snapshot to the snapshot tier
// after every accepted write. A publish that fails never fails the write (it is acknowledged in
// the store already): the tier's version expires and the instances read the store instead.

import type { Repository } from '../store/document-ports.ts';
import type { AdminStores, Snapshot } from '../store/ports.ts';

/** `forgetKey` removes a revoked key from the Redis key mirror (shared/cache/key-mirror.ts). */
export function publishingStores(stores: AdminStores, publish: (environment: string) => Promise<void>, forgetKey?: (keyId: string) => Promise<void>): AdminStores {
  const after = <A extends unknown[], R extends { ok: boolean }>(write: (environment: string, ...rest: A) => Promise<R>) =>
    async (environment: string, ...rest: A): Promise<R> => {
      const result = await write(environment, ...rest);
      if (result.ok) await publish(environment).catch(() => undefined);
      return result;
    };
  const repository = <T>(inner: Repository<T>): Repository<T> => ({ ...inner, put: after(inner.put), remove: after(inner.remove) });
  const { flags, segments, attributes } = stores.documents;
  return {
    ...stores,
    documents: { flags: repository(flags), segments: repository(segments), attributes: repository(attributes) },
    imports: { importDocuments: after(stores.imports.importDocuments) },
    apiKeys: {
      ...stores.apiKeys,
      revoke: async (id, meta) => {
        const result = await stores.apiKeys.revoke(id, meta);
        if (result.ok && forgetKey) await forgetKey(id);
        return result;
      },
    },
    environments: {
      ...stores.environments,
      create: async (input, meta) => {
        const result = await stores.environments.create(input, meta);
        if (result.ok) await publish(input.key).catch(() => undefined);
        return result;
      },
    },
  };
}

/** Reads the environment's snapshot from the store and hands it to the tier. */
export function snapshotPublisher(stores: Pick<AdminStores, 'flags'>, publish: (snapshot: Snapshot) => Promise<void>) {
  return async (environment: string): Promise<void> => {
    const snapshot = await stores.flags.snapshot(environment);
    if (snapshot) await publish(snapshot);
  };
}
