// An HTTP forwarder that counts the requests passing through it, put between a client and a real
// service to see how often the client calls it (for instance, that an open breaker stops the calls).

import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CountingForwarder = { readonly url: string; readonly requests: () => number; readonly close: () => Promise<void> };

export async function startCountingForwarder(target: string): Promise<CountingForwarder> {
  const to = new URL(target);
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const upstream = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
