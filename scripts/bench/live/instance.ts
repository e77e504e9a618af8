// One function instance for the live freshness benchmark and test/integration/freshness, in a
// process of its own as on Cloud Run: the evaluate function (functions/evaluate/deps.ts, with the
// eventStreams offer when SWITCHYARD_STREAMS_URL is set) or the streams function, chosen by
// SWITCHYARD_LIVE_FUNCTION, each built by its root from this process's environment. Tells its
// parent `{ ready: port, maxStalenessMs }` over IPC when listening, and answers:
//   { usage: true, gc?: true } -> { usage: { rss, heapUsed, external, cpuUser, cpuSystem, streams? } }
//     (after a full collection when started with --expose-gc and gc is asked for)
//   { breaker: true } -> { breaker: 'closed' | 'open' | 'half-open' | 'none' }
//   { feed: true } -> { feed: the Redis change feed's status (connected, subscriptionsOpened, ...) or null }

import '../../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { startInstance } from '../../../shared/wiring/instance.ts';
import { evaluateDeps } from '../../../functions/evaluate/deps.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { streamsDeps } from '../../../functions/streams/deps.ts';
import { createStreamsFunction } from '../../../functions/streams/app.ts';

const config = readRuntimeConfig();
const kind = process.env.SWITCHYARD_LIVE_FUNCTION === 'streams' ? 'streams' : 'evaluate';
const instance = startInstance(config, kind);
let streamsOpen: (() => number) | undefined;
if (kind === 'streams') {
  const deps = streamsDeps(config, instance);
  streamsOpen = () => deps.hub.count();
  http(kind, createStreamsFunction(deps) as Parameters<typeof http>[1]);
} else {
  http(kind, createEvaluateFunction(evaluateDeps(config, instance)) as Parameters<typeof http>[1]);
}

type Ask = { usage?: boolean; gc?: boolean; breaker?: boolean; feed?: boolean };
process.on('message', (message: Ask) => {
  if (message.breaker) process.send?.({ breaker: instance.backends.redis?.breaker.state() ?? 'none' });
  if (message.feed) {
    const changes = instance.backends.changes as { status?: () => unknown };
    process.send?.({ feed: changes.status?.() ?? null });
  }
  if (message.usage) {
    const collect = (globalThis as { gc?: () => void }).gc;
    if (message.gc && collect) {
      collect();
      collect();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send?.({ usage: { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, cpuUser: cpu.user, cpuSystem: cpu.system, streams: streamsOpen?.() } });
  }
});
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
// The parent going away (even killed) closes the IPC channel: never outlive it.
process.on('disconnect', () => process.exit(0));

const server = getTestServer(kind);
// Thousands of idle streams: no per-server cap on connections, no request timeout cutting them.
server.requestTimeout = 0;
server.headersTimeout = 0;
server.listen(0, '127.0.0.1', () => process.send?.({ ready: (server.address() as AddressInfo).port, maxStalenessMs: config.SWITCHYARD_MAX_STALENESS_MS }));
