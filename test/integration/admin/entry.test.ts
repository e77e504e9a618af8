// functions/admin/index.ts registers "admin" with the Functions Framework, built by its root from this process's configuration.

import '../../../shared/http/framework-errors.ts';
import assert from 'node:assert/strict';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';

describe('function entry: admin', () => {
  it('functions/admin/index.ts registers "admin"', async () => {
    await import('../../../functions/admin/index.ts');
    const server = getTestServer('admin').listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok', function: 'admin' });
      assert.equal((await fetch(`${base}/v1/environments`)).status, 401);
    } finally {
      server.close();
    }
  });
});
