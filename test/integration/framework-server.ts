// Serving a function through the real Functions Framework on a loopback port, with the demo
// environment's store behind it, for the integration tests of validate and preview.

import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import type { MaybePromise } from '../../shared/http/maybe-async.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import { createDemoStore, DEMO_ENVIRONMENT } from '../../shared/store/default-stores.ts';
import { serveFunction } from '../helpers/function-server.ts';
import { keyLookup } from '../../shared/http/auth.ts';
import { testTelemetry } from '../helpers/telemetry.ts';

export const ADMIN_KEY = 'test-admin-key-0123456789';
export const SDK_KEY = 'test-sdk-key-0123456789ab';
export const CONSOLE_ORIGIN = 'https://console.example';
export const NOW = Date.parse('2026-03-10T12:00:00Z');

/** What validate and preview are built with in these tests: the demo store, and telemetry as a root would pass it. */
export function demoDeps(): AuthoringDeps & { readonly telemetry: Telemetry } {
  const store = createDemoStore({ sdkKey: SDK_KEY, clientKey: 'sy_client_framework_test_key', adminKey: ADMIN_KEY, generated: [] });
  return { keys: keyLookup(store.keys), flags: store.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: [CONSOLE_ORIGIN], now: () => NOW, telemetry: testTelemetry('authoring') };
}

export type Served = {
  readonly url: string;
  readonly post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;
  readonly get: (path: string, headers?: Record<string, string>) => Promise<Response>;
  readonly close: () => Promise<void>;
};

const AUTH = { authorization: `Bearer ${ADMIN_KEY}` };

/** Serves `handler` through the real framework on 127.0.0.1, with an admin key on every call. */
export async function serve(name: string, handler: (req: HttpRequest, res: HttpResponse) => MaybePromise<void>): Promise<Served> {
  const { url, close } = await serveFunction(name, handler);
  return {
    url,
    post: (path, body, headers = {}) => fetch(url + path, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    get: (path, headers = {}) => fetch(url + path, { headers: { ...AUTH, ...headers } }),
    close,
  };
}
