// The Cloud Function entries of validate and preview register with the Functions Framework under
// their own names, on the default wiring, and answer through it.

import '../../shared/http/framework-errors.ts';
import assert from 'node:assert/strict';
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
