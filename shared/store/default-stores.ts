// The stores a function uses when nothing else is configured: the embedded store, seeded with
// the demo environment and the keys from SWITCHYARD_SDK_KEY / SWITCHYARD_ADMIN_KEY (generated
// when unset). One per process, so the functions of the local product share it.

import { randomBytes } from 'node:crypto';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { DEMO_FLAGS } from './demo/flags.ts';
import { DEMO_ATTRIBUTES, DEMO_SEGMENTS } from './demo/segments.ts';
import { createMemoryStore, type MemoryStore } from './memory-store.ts';

export const DEMO_ENVIRONMENT = 'development';

export type LocalKeys = { readonly sdkKey: string; readonly adminKey: string; readonly generated: readonly ('sdk' | 'admin')[] };

export function localKeys(config: Pick<RuntimeConfig, 'SWITCHYARD_SDK_KEY' | 'SWITCHYARD_ADMIN_KEY'>): LocalKeys {
  const generated: ('sdk' | 'admin')[] = [];
  const make = (kind: 'sdk' | 'admin') => {
    generated.push(kind);
    return `sy_${kind}_${randomBytes(18).toString('base64url')}`;
  };
  return { sdkKey: config.SWITCHYARD_SDK_KEY ?? make('sdk'), adminKey: config.SWITCHYARD_ADMIN_KEY ?? make('admin'), generated };
}

export function createDemoStore(keys: LocalKeys): MemoryStore {
  return createMemoryStore({
    environments: { [DEMO_ENVIRONMENT]: { flags: DEMO_FLAGS, segments: DEMO_SEGMENTS, attributes: DEMO_ATTRIBUTES } },
    keys: [
      { kind: 'sdk', name: 'local SDK key', environment: DEMO_ENVIRONMENT, secret: keys.sdkKey },
      { kind: 'admin', name: 'local admin key', role: 'admin', secret: keys.adminKey },
    ],
  });
}

let processStore: { store: MemoryStore; keys: LocalKeys } | undefined;

/** The process's embedded store, created on first use. */
export function defaultStore(config: Pick<RuntimeConfig, 'SWITCHYARD_SDK_KEY' | 'SWITCHYARD_ADMIN_KEY'>): { store: MemoryStore; keys: LocalKeys } {
  if (!processStore) {
    const keys = localKeys(config);
    processStore = { store: createDemoStore(keys), keys };
  }
  return processStore;
}
