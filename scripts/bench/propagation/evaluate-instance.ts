// One evaluate instance for the propagation benchmark, in a process of its own as on Cloud Run:
// the evaluate function exactly as deployed, built by its root from this process's environment
// (SWITCHYARD_STORE, UPSTASH_REDIS_REST_*, SWITCHYARD_MAX_STALENESS_MS, ...). Tells its
// parent `{ ready: port, maxStalenessMs }` over IPC when listening, and answers `{ breaker: true }`
// with the state of its Redis circuit breaker (the outage measurement waits for it to open).

import '../../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { startInstance } from '../../../shared/wiring/instance.ts';
import { evaluateDeps } from '../../../functions/evaluate/deps.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';

const config = readRuntimeConfig();
const instance = startInstance(config, 'evaluate');
http('evaluate', createEvaluateFunction(evaluateDeps(config, instance)) as Parameters<typeof http>[1]);

process.on('message', (message: { breaker?: boolean }) => {
  if (message.breaker) process.send?.({ breaker: instance.backends.redis?.breaker.state() ?? 'none' });
});
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
// The parent going away (even killed) closes the IPC channel: never outlive it.
process.on('disconnect', () => process.exit(0));

const server = getTestServer('evaluate');
server.listen(0, '127.0.0.1', () => process.send?.({ ready: (server.address() as AddressInfo).port, maxStalenessMs: config.SWITCHYARD_MAX_STALENESS_MS }));
