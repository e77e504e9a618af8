// A fresh Firestore gets what a first run needs without anyone writing to it by hand: the demo
// environment for `npm start` on Firestore, and keys chosen outside the store (the deployed admin
// key from Secret Manager, the local keys) registered under their own secrets.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { createBackends } from '../../../shared/wiring/backends.ts';
import { hashKey } from '../../../shared/store/api-keys.ts';
import { seedDemoEnvironment } from '../../../shared/store/seed-demo.ts';
import { DEMO_FLAGS } from '../../../shared/store/demo/flags.ts';
import { adminDeps } from '../../../functions/admin/deps.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { serveFunction } from '../../helpers/function-server.ts';
import { firestoreEmulator, resetFirestore } from '../../helpers/services.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const meta = { actor: 'bootstrap test' };
const secret = (name: string) => `sy_admin_${name}_${process.pid}_${Date.now()}_padding`;

function firestoreConfig(vars: Record<string, string> = {}) {
  return readRuntimeConfig({ SWITCHYARD_STAGE: 'test', GOOGLE_CLOUD_PROJECT: firestoreEmulator().projectId, SWITCHYARD_STORE: 'firestore', ...vars });
}

describe('bootstrap of a fresh Firestore', function () {
  this.timeout(60_000);
  before(() => resetFirestore());

  it('seeds the demo environment once and leaves it alone afterwards', async () => {
    const { stores } = createBackends(firestoreConfig(), testTelemetry('backends').logger);
    const environment = `demo-${Date.now()}`;
    assert.equal(await seedDemoEnvironment(stores, environment, 'test'), 'seeded');
    const version = await stores.flags.version(environment);
    assert.equal((await stores.flags.snapshot(environment))?.flags.length, DEMO_FLAGS.length);
    assert.equal(await seedDemoEnvironment(stores, environment, 'test'), 'present');
    assert.equal(await stores.flags.version(environment), version);
  });

  it('registers a chosen key under its own secret, once, and never revives a revoked one', async () => {
    const { stores, adoptKey } = createBackends(firestoreConfig(), testTelemetry('backends').logger);
    const chosen = secret('adopted');
    assert.equal(await adoptKey!(chosen, { kind: 'admin', role: 'editor', name: 'chosen' }, meta), 'created');
    const principal = await stores.keys.findByHash(hashKey(chosen));
    assert.deepEqual([principal?.kind, principal?.kind === 'admin' && principal.role], ['admin', 'editor']);
    assert.equal(await adoptKey!(chosen, { kind: 'admin', role: 'admin', name: 'again' }, meta), 'exists');
    const record = (await stores.apiKeys.list()).find((k) => k.name === 'chosen')!;
    assert.ok((await stores.apiKeys.revoke(record.id, meta)).ok);
    assert.equal(await adoptKey!(chosen, { kind: 'admin', role: 'admin', name: 'revived?' }, meta), 'exists');
    assert.equal(await stores.keys.findByHash(hashKey(chosen)), undefined);
  });

  it('lets the deployed admin function answer its SWITCHYARD_ADMIN_KEY on the very first request', async () => {
    const adminKey = secret('bootstrap');
    const admin = await serveFunction('admin', createAdminFunction(adminDeps(firestoreConfig({ SWITCHYARD_ADMIN_KEY: adminKey }))));
    try {
      const answer = await fetch(`${admin.url}/v1/environments`, { headers: { authorization: `Bearer ${adminKey}` } });
      assert.equal(answer.status, 200);
      const wrong = await fetch(`${admin.url}/v1/environments`, { headers: { authorization: `Bearer ${adminKey}x` } });
      assert.equal(wrong.status, 401);
    } finally {
      await admin.close();
    }
  });

  it('npm start on Firestore serves the demo flags with the keys it prints', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const sdkKey = `sy_sdk_npmstart_${Date.now()}_padding`;
    const child = spawn(process.execPath, ['scripts/local/start.ts'], {
      env: { ...process.env, PORT: String(port), SWITCHYARD_STORE: 'firestore', GOOGLE_CLOUD_PROJECT: firestoreEmulator().projectId, SWITCHYARD_SDK_KEY: sdkKey, LOG_LEVEL: 'warn', METADATA_SERVER_DETECTION: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('is running locally')) (clearTimeout(timer), resolve());
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}:\n${output}`))));
      });
      assert.match(output, /Firestore/);
      assert.match(output, new RegExp(sdkKey));
      const answer = await fetch(`http://127.0.0.1:${port}/evaluate/ofrep/v1/evaluate/flags/new-checkout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sdkKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ context: { targetingKey: 'user-42', plan: 'pro', geo: { country: 'DE' } } }),
      });
      assert.equal(answer.status, 200, output);
      assert.equal(((await answer.json()) as { key: string }).key, 'new-checkout');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
