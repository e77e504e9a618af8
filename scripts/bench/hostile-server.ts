// The preview function of the product on the demo store, in a process of its own, for
// hostile-bodies.ts: tells its parent `{ ready: port }`, and answers `'rss'` with its peak RSS since
// the last ask (sampled every 5 ms) so the parent measures this process and not itself.

import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { createPreviewFunction } from '../../functions/preview/app.ts';
import { keyLookup } from '../../shared/http/auth.ts';
import { createDemoStore, DEMO_ENVIRONMENT } from '../../shared/store/default-stores.ts';
import { benchTelemetry } from './telemetry.ts';

export const HOSTILE_ADMIN_KEY = 'bench-admin-key-0123456789';

process.env.LOG_LEVEL ??= 'error';
const store = createDemoStore({ sdkKey: 'bench-sdk-key-0123456789ab', clientKey: 'bench-client-key-0123456789', adminKey: HOSTILE_ADMIN_KEY, generated: [] });
http('preview', createPreviewFunction({ keys: keyLookup(store.keys), flags: store.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: [], now: Date.now, telemetry: benchTelemetry('preview') }) as Parameters<typeof http>[1]);

let peak = process.memoryUsage.rss();
setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5).unref();
process.on('message', (message) => {
  if (message !== 'rss') return;
  global.gc?.();
  const now = process.memoryUsage.rss();
  process.send?.({ peak, now });
  peak = now;
});
const server = getTestServer('preview');
server.listen(0, '127.0.0.1', () => process.send?.({ ready: (server.address() as AddressInfo).port }));
