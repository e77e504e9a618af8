// The local product's front door: one HTTP server on PORT that hands `/<function>/...` to that
// function's Functions Framework server, as the deployed function URLs would.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export function createLocalRouter(functions: ReadonlyMap<string, Server>): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const name = url.split(/[/?]/)[1] ?? '';
    const target = functions.get(name);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!target) {
      const body = JSON.stringify({
        type: 'https://switchyard.dev/problems/not-found',
        title: 'No such function',
        status: 404,
        detail: `no function at /${name}; the functions are ${[...functions.keys()].map((n) => `/${n}`).join(', ')}`,
        code: 'NOT_FOUND',
        errors: [],
      });
      res.writeHead(404, { 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body) }).end(body);
      return;
    }
    const rest = url.slice(name.length + 1);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    target.emit('request', req, res);
  });
}
