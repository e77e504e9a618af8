// The admin function served through the real Functions Framework on 127.0.0.1, over a fresh
// embedded store seeded with the demo environment and one key of every kind.

import type { HttpRequest, HttpResponse } from '../../../shared/http/types.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { DEMO_FLAGS } from '../../../shared/store/demo/flags.ts';
import { DEMO_ATTRIBUTES, DEMO_SEGMENTS } from '../../../shared/store/demo/segments.ts';
import { DEMO_ENVIRONMENT } from '../../../shared/store/default-stores.ts';
import { createMemoryStore, type MemoryStore } from '../../../shared/store/memory-store.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import type { AdminDeps } from '../../../functions/admin/deps.ts';
import { serveFunction } from '../../helpers/function-server.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

export const ENV = DEMO_ENVIRONMENT;
export const NOW = Date.parse('2026-03-10T12:00:00Z');
export const CONSOLE_ORIGIN = 'https://console.example';

export const KEYS = {
  admin: 'sy_admin_test-admin-key-000000',
  editor: 'sy_admin_test-editor-key-00000',
  viewer: 'sy_admin_test-viewer-key-00000',
  sdk: 'sy_sdk_test-sdk-key-0000000000',
  wrong: 'sy_admin_not-a-key-00000000000',
} as const;
export type KeyName = keyof typeof KEYS | 'none';

export function seededStore(now: () => number = () => NOW): MemoryStore {
  return createMemoryStore(
    {
      environments: { [ENV]: { flags: DEMO_FLAGS, segments: DEMO_SEGMENTS, attributes: DEMO_ATTRIBUTES } },
      keys: [
        { kind: 'admin', name: 'admin key', role: 'admin', secret: KEYS.admin },
        { kind: 'admin', name: 'editor key', role: 'editor', secret: KEYS.editor },
        { kind: 'admin', name: 'viewer key', role: 'viewer', secret: KEYS.viewer },
        { kind: 'sdk', name: 'sdk key', environment: ENV, secret: KEYS.sdk },
      ],
    },
    { now },
  );
}

export type CallOptions = { readonly key?: KeyName; readonly body?: unknown; readonly headers?: Record<string, string>; readonly ifMatch?: number | string };

export type AdminServer = {
  readonly url: string;
  store: MemoryStore;
  readonly call: (method: string, path: string, options?: CallOptions) => Promise<Response>;
  /** Replaces the store behind the running server (the role matrix starts each case afresh). */
  readonly reset: () => void;
  readonly close: () => Promise<void>;
};

export async function serveAdmin(now: () => number = () => NOW, extra: Partial<AdminDeps> = {}): Promise<AdminServer> {
  let handler: (req: HttpRequest, res: HttpResponse) => unknown;
  const make = () => {
    const store = seededStore(now);
    handler = createAdminFunction({ stores: store, keys: keyLookup(store.keys), consoleOrigins: [CONSOLE_ORIGIN], now, storeDeadlineMs: 5000, telemetry: testTelemetry('{n}'), ...extra });
    return store;
  };
  const server: { store: MemoryStore } = { store: make() };
  const running = await serveFunction('admin', (req, res) => handler(req, res) as void);
  return {
    url: running.url,
    get store() { return server.store; },
    set store(s) { server.store = s; },
    call: (method, path, options = {}) => {
      const key = options.key ?? 'admin';
      const headers: Record<string, string> = { ...(key === 'none' ? {} : { authorization: `Bearer ${KEYS[key]}` }), ...options.headers };
      if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(running.url + path, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
    },
    reset: () => void (server.store = make()),
    close: running.close,
  };
}

export const flagPath = (key: string, env = ENV) => `/v1/environments/${env}/flags/${encodeURIComponent(key)}`;
