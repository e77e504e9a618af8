// The Cloud Function entries of validate and preview register with the Functions Framework under
// their own names, built by their roots from this process's configuration, and answer through it;
// an entry of a deployed stage told to run on the embedded store refuses to start.

import '../../shared/http/framework-errors.ts';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';

describe('function entries: validate and preview', () => {
  for (const name of ['validate', 'preview'] as const) {
    it(`functions/${name}/index.ts registers "${name}"`, async () => {
      await import(`../../functions/${name}/index.ts`);
      const server = getTestServer(name).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
        assert.deepEqual(await res.json(), { status: 'ok', function: name });
      } finally {
        server.close();
      }
    });
  }
});

describe('function entries of a deployed stage', () => {
  for (const name of ['evaluate', 'admin', 'aggregate'] as const) {
    it(`functions/${name}/index.ts refuses to start on the embedded store in production, with the reason`, () => {
      const entry = new URL(`../../functions/${name}/index.ts`, import.meta.url).href;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`], {
        env: { PATH: process.env.PATH, METADATA_SERVER_DETECTION: 'none', SWITCHYARD_STAGE: 'production', SWITCHYARD_STORE: 'memory' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, /SWITCHYARD_STORE: the embedded store is for the local and test stages; a deployed stage \(SWITCHYARD_STAGE\) keeps its state in Firestore/);
    });
  }
});
