// `node scripts/bench/sse-floor.ts [framework]`: the memory floor of an idle SSE connection on this Node, for
// comparison with the streams function's figure in `npm run bench:live`. A bare node:http server
// (no framework, no per-stream state beyond the response) runs in a child process; the benchmark
// opens STREAMS connections to it and reports the server's RSS and heap per connection, measured as
// bench:live measures the streams function (after a full collection). Prints JSON.

import { fork } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 2000);

if (process.argv[2] === 'server') {
  const { createServer } = await import('node:http');
  const open = new Set<unknown>();
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('retry: 1000\n\n');
    open.add(res);
    req.on('close', () => open.delete(res));
  };
  // `framework`: the same handler as a Functions Framework function (what a deployed function pays).
  const framework = process.argv[3] === 'framework';
  if (framework) {
    const ff = await import('@google-cloud/functions-framework');
    ff.http('floor', handler);
  }
  const server = framework ? (await import('@google-cloud/functions-framework/testing')).getTestServer('floor') : createServer(handler);
  server.maxConnections = STREAMS + 100;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', (message: string) => {
    if (message !== 'measure') return;
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.send?.({ rss: m.rss, heap: m.heapUsed, open: open.size });
  });
} else {
  const mode = process.argv[2] === 'framework' ? 'framework' : 'bare';
  const child = fork(fileURLToPath(import.meta.url), ['server', mode], { execArgv: ['--expose-gc'] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { port } = await next<{ port: number }>();
  const measure = async () => {
    child.send('measure');
    return next<{ rss: number; heap: number; open: number }>();
  };
  const before = await measure();
  const sockets: { destroy: () => void }[] = [];
  for (let i = 0; i < STREAMS; i++) {
    await new Promise<void>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${port}/`, { agent: false }, (res) => {
        res.once('data', () => resolve());
      });
      req.on('error', reject);
      req.end();
      sockets.push(req);
    });
  }
  await new Promise((r) => setTimeout(r, 1000));
  const after = await measure();
  const kb = (bytes: number) => Math.round((bytes / STREAMS / 1024) * 10) / 10;
  console.log(JSON.stringify({ node: process.version, server: mode === 'bare' ? 'bare node:http' : 'Functions Framework, same handler', streams: STREAMS, open: after.open, rssPerStreamKb: kb(after.rss - before.rss), heapPerStreamKb: kb(after.heap - before.heap) }, null, 2));
  for (const s of sockets) s.destroy();
  child.kill();
}
