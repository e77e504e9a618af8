// The embedded store of the local and test stages, seeded with the demo environment and the keys
// from SWITCHYARD_SDK_KEY / SWITCHYARD_CLIENT_KEY / SWITCHYARD_ADMIN_KEY (generated when unset).
// The composition root makes one (shared/wiring/backends.ts) and gives it to every function it
// builds, so the functions of the local product share it.

import { randomBytes } from 'node:crypto';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { DEMO_FLAGS } from './demo/flags.ts';
import { DEMO_ATTRIBUTES, DEMO_SEGMENTS } from './demo/segments.ts';
import { createMemoryStore, type MemoryStore } from './memory-store.ts';

export const DEMO_ENVIRONMENT = 'development';

/** The local product's keys: a server SDK key, a client SDK key (for browsers) and an admin key. */
export type LocalKeys = { readonly sdkKey: string; readonly clientKey: string; readonly adminKey: string; readonly generated: readonly ('sdk' | 'client' | 'admin')[] };

type KeyConfig = Pick<RuntimeConfig, 'SWITCHYARD_SDK_KEY' | 'SWITCHYARD_CLIENT_KEY' | 'SWITCHYARD_ADMIN_KEY'>;

export function localKeys(config: KeyConfig): LocalKeys {
  const generated: ('sdk' | 'client' | 'admin')[] = [];
  const make = (kind: 'sdk' | 'client' | 'admin') => {
    generated.push(kind);
    return `sy_${kind}_${randomBytes(18).toString('base64url')}`;
  };
  return { sdkKey: config.SWITCHYARD_SDK_KEY ?? make('sdk'), clientKey: config.SWITCHYARD_CLIENT_KEY ?? make('client'), adminKey: config.SWITCHYARD_ADMIN_KEY ?? make('admin'), generated };
}

export function createDemoStore(keys: LocalKeys): MemoryStore {
  return createMemoryStore({
    environments: { [DEMO_ENVIRONMENT]: { flags: DEMO_FLAGS, segments: DEMO_SEGMENTS, attributes: DEMO_ATTRIBUTES } },
    keys: [
      { kind: 'sdk', name: 'local SDK key', environment: DEMO_ENVIRONMENT, secret: keys.sdkKey },
      { kind: 'sdk', access: 'client', name: 'local client key', environment: DEMO_ENVIRONMENT, secret: keys.clientKey },
      { kind: 'admin', name: 'local admin key', role: 'admin', secret: keys.adminKey },
    ],
  });
}
