// A server for the HTTP benchmark, in a process of its own: `bare` is a stock Functions Framework
// handler returning a fixed body (the baseline), `evaluate` the evaluate function over an
// environment of 100 typical flags. Tells its parent `{ ready: port }` over IPC when listening.

import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { createSnapshotCache } from '../../shared/cache/snapshot-cache.ts';
import { cachingKeyLookup } from '../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../shared/store/memory-store.ts';
import { createEvaluateFunction } from '../../functions/evaluate/app.ts';
import { typicalFlags } from './workloads.ts';

import { BENCH_KEY } from './http-key.ts';
import { benchTelemetry } from './telemetry.ts';

const mode = process.argv[2];
if (mode === 'bare') {
  const body = JSON.stringify({ key: 'bench', value: true, reason: 'STATIC', variant: 'on', metadata: {} });
  http('bare', (_req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(body);
  });
} else if (mode === 'evaluate') {
  // Our patch of the framework (body reading, problem answers) belongs to our functions only: the
  // bare baseline stays the stock framework, body-parser included, as a deployed bare function is.
  await import('../../shared/http/framework-errors.ts');
  const store = createMemoryStore({
    environments: { bench: { flags: typicalFlags(100, 11) } },
    keys: [{ kind: 'sdk', name: 'bench', environment: 'bench', secret: BENCH_KEY }],
  });
  http('evaluate', createEvaluateFunction({
    keys: cachingKeyLookup(store.keys, { ttlMs: 30_000 }),
    limiter: createMemoryRateLimiter({ ratePerSecond: 1e9, burst: 1e9 }),
    snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 5000 }),
    now: Date.now,
    telemetry: benchTelemetry('evaluate'),
  }) as Parameters<typeof http>[1]);
} else {
  console.error('usage: http-server.ts bare|evaluate');
  process.exit(2);
}

const server = getTestServer(mode);
server.listen(0, '127.0.0.1', () => process.send?.({ ready: (server.address() as AddressInfo).port }));
process.on('SIGINT', () => process.exit(0));
