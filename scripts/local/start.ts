// `npm start`: every function in one process on HOST:PORT (default 127.0.0.1:8080), under its own
// path prefix, on the embedded store with the demo environment. Prints the URLs and the local keys.
// What stops a start (a bad configuration value, a busy port) is one line on stderr and exit 1.

import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Server } from 'node:http';
import { ConfigError, readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { defaultStore, DEMO_ENVIRONMENT, localKeys, type LocalKeys } from '../../shared/store/default-stores.ts';
import { seedDemoEnvironment } from '../../shared/store/seed-demo.ts';
import { backendsFor } from '../../shared/backends.ts';
import { adminDepsFor, previewDepsFor, startTelemetry, validateDepsFor } from '../../shared/wiring.ts';
import { evaluateDeps } from '../../functions/evaluate/deps.ts';
import { streamsDepsFor } from '../../functions/streams/deps.ts';
import { createStreamsFunction } from '../../functions/streams/app.ts';
import { createAdminFunction } from '../../functions/admin/app.ts';
import { createEvaluateFunction } from '../../functions/evaluate/app.ts';
import { createPreviewFunction } from '../../functions/preview/app.ts';
import { createValidateFunction } from '../../functions/validate/app.ts';
import { createAggregateFunction } from '../../functions/aggregate/app.ts';
import { readAggregateConfig } from '../../shared/aggregate/aggregate-config.ts';
import { aggregateDepsFor } from '../../shared/aggregate/wiring.ts';
import { releaseRunDepsFor } from '../../shared/releases/release-wiring.ts';
import { createConsoleFunction } from '../../functions/console/app.ts';
import { readConsoleConfig } from '../../functions/console/console-config.ts';
import { loadStaticAssets } from '../../functions/console/static-assets.ts';
import { createLocalRouter } from './router.ts';

/** Ends the start with one line a person can act on; no stack. */
function refuseToStart(message: string): never {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

process.env.METADATA_SERVER_DETECTION ??= 'none';
// Readable lines by default; `LOG_FORMAT=json npm start` prints exactly what Cloud Logging ingests.
process.env.SWITCHYARD_STAGE ??= 'local';
// The streams function answers under /streams on the same port: bulk answers point browsers there.
const localHost = process.env.HOST === undefined ? '127.0.0.1' : ['0.0.0.0', '::'].includes(process.env.HOST) ? 'localhost' : process.env.HOST;
process.env.SWITCHYARD_STREAMS_URL ??= `http://${localHost}:${process.env.PORT ?? 8080}/streams`;
const config = (() => {
  try {
    return readRuntimeConfig();
  } catch (error) {
    if (error instanceof ConfigError) refuseToStart(error.message);
    throw error;
  }
})();
startTelemetry(config, 'local');
const keys = config.SWITCHYARD_STORE === 'firestore' ? await prepareFirestore() : defaultStore(config).keys;

/**
 * On Firestore (SWITCHYARD_STORE=firestore, e.g. against the emulator): the demo environment is
 * written on the first run, and the keys printed below are registered under their own secrets.
 */
async function prepareFirestore(): Promise<LocalKeys> {
  const chosen = localKeys(config);
  const { stores, adoptKey } = backendsFor(config);
  const actor = 'npm start';
  const seeded = await seedDemoEnvironment(stores, DEMO_ENVIRONMENT, actor);
  await adoptKey!(chosen.sdkKey, { kind: 'sdk', environment: DEMO_ENVIRONMENT, name: 'local SDK key' }, { actor });
  await adoptKey!(chosen.clientKey, { kind: 'sdk', access: 'client', environment: DEMO_ENVIRONMENT, name: 'local client key' }, { actor });
  await adoptKey!(chosen.adminKey, { kind: 'admin', role: 'admin', name: 'local admin key' }, { actor });
  console.log(`Firestore (${process.env.FIRESTORE_EMULATOR_HOST ?? config.GOOGLE_CLOUD_PROJECT}): environment "${DEMO_ENVIRONMENT}" ${seeded === 'seeded' ? 'seeded with the demo flags' : 'already there, left as it is'}`);
  return chosen;
}

const adminDeps = adminDepsFor(config);
const handlers = {
  evaluate: createEvaluateFunction(evaluateDeps(config)),
  streams: createStreamsFunction(streamsDepsFor(config)),
  validate: createValidateFunction(validateDepsFor(config)),
  preview: createPreviewFunction(previewDepsFor(config)),
  admin: createAdminFunction(adminDeps),
  // Runs by hand here (POST /aggregate/run, with the admin key: nothing stands in front of this
  // port as IAM does deployed): merges what the other functions recorded on the in-process bus.
  aggregate: createAggregateFunction({ ...aggregateDepsFor(config, readAggregateConfig()), releases: releaseRunDepsFor(config, readAggregateConfig()) }, { keys: adminDeps.keys }),
  // The console's browser files are what `npm run build` wrote (scripts/build-console.ts).
  console: createConsoleFunction({ config: readConsoleConfig(process.env), assets: loadStaticAssets(new URL('../../dist/console/static/', import.meta.url).pathname) }),
} as const;

const servers = new Map<string, Server>();
for (const [name, handler] of Object.entries(handlers)) {
  http(name, handler);
  servers.set(name, getTestServer(name));
}

const router = createLocalRouter(servers);
router.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') refuseToStart(`port ${config.PORT} on ${config.HOST} is in use; stop what holds it or set PORT to another port`);
  if (error.code === 'EACCES') refuseToStart(`port ${config.PORT} on ${config.HOST} needs privileges this user lacks; set PORT above 1023`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') refuseToStart(`HOST ${config.HOST} is not an address of this machine; use 127.0.0.1 or 0.0.0.0`);
  refuseToStart(`cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`);
});
router.listen(config.PORT, config.HOST, () => {
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const base = `http://${shown}:${config.PORT}`;
  const lines = [
    `Switchyard is running locally (environment "${DEMO_ENVIRONMENT}", ${config.SWITCHYARD_STORE === 'firestore' ? 'Firestore' : 'embedded store with demo flags'})`,
    `  console    ${base}/console/   (sign in with the admin key below)`,
    ...[...servers.keys()].filter((name) => name !== 'console').map((name) => `  ${name.padEnd(10)} ${base}/${name}`),
    `  SDK key    ${keys.sdkKey}   (server key)${keys.generated.includes('sdk') ? '   (generated; set SWITCHYARD_SDK_KEY to choose one)' : ''}`,
    `  client key ${keys.clientKey}   (for browsers: flags marked clientVisible)${keys.generated.includes('client') ? '   (generated; set SWITCHYARD_CLIENT_KEY to choose one)' : ''}`,
    `  admin key  ${keys.adminKey}${keys.generated.includes('admin') ? '   (generated; set SWITCHYARD_ADMIN_KEY to choose one)' : ''}`,
    `Try: curl -s -X POST ${base}/evaluate/ofrep/v1/evaluate/flags/new-checkout -H "Authorization: Bearer ${keys.sdkKey}" -H 'Content-Type: application/json' -d '{"context":{"targetingKey":"user-42","plan":"pro","geo":{"country":"DE"}}}'`,
  ];
  console.log(lines.join('\n'));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => router.close(() => process.exit(0)));
