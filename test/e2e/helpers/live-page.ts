// The test web app (test/e2e/pages/live-flags.ts) bundled by esbuild and served from an origin of
// its own: a small HTTP server on 127.0.0.1 at another port than the product, so every call the
// page makes to Switchyard is cross-origin, as from a customer's site.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

export type LivePage = { readonly origin: string; readonly url: (query: Record<string, string>) => string; readonly close: () => Promise<void> };

const ENTRY = new URL('../pages/live-flags.ts', import.meta.url).pathname;

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Live flags</title></head>
<body><main><h1>Live flags</h1><ul id="flags"></ul></main><script type="module" src="/app.js"></script></body></html>`;

export async function serveLivePage(): Promise<LivePage> {
  const bundled = await build({ entryPoints: [ENTRY], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, minify: false, logLevel: 'silent' });
  const js = bundled.outputFiles[0]!.contents;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/app.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(js);
    if (path === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(HTML);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (query) => `${origin}/?${new URLSearchParams(query)}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
