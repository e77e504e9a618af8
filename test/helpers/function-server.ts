// Serves a function handler through the real Functions Framework on a loopback port, the way
// Cloud Functions runs it, for tests that call it with real HTTP clients.

import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import type { MaybePromise } from '../../shared/http/maybe-async.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';

export type RunningFunction = { readonly url: string; readonly close: () => Promise<void> };

let counter = 0;

export async function serveFunction(name: string, handler: (req: HttpRequest, res: HttpResponse) => MaybePromise<void>): Promise<RunningFunction> {
  // The framework's registry is global: each test server gets a name of its own.
  const registered = `${name}-${++counter}`;
  http(registered, handler as Parameters<typeof http>[1]);
  const server = getTestServer(registered);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
