// A small server speaking the Upstash REST protocol (the one @upstash/redis uses) in front of a real
// Redis, for tests and local runs: `POST /`, `/pipeline`, `/multi-exec`, Bearer token, base64 replies,
// and pub/sub streams (`/subscribe/...`, `/psubscribe/...`, see pubsub.ts).

import { Redis } from 'ioredis';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandError, parseCommand, type Command } from './commands.ts';
import { parseStreamPath, serveStream, type StreamRequest } from './pubsub.ts';
import { encodeEntry, encodeReply, errorMessage, type Encoding } from './replies.ts';
import { ScriptShas } from './scripts.ts';

export type ProxyOptions = {
  readonly redisUrl: string;
  readonly token: string;
  /** Loopback unless told otherwise; 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
};

export type RunningProxy = { readonly url: string; readonly server: Server; readonly close: () => Promise<void> };

type Answer = { readonly status: number; readonly body: unknown };

export async function startUpstashProxy(options: ProxyOptions): Promise<RunningProxy> {
  // RESP2, as Upstash answers (ioredis 6 defaults to RESP3, where ZRANGE WITHSCORES nests pairs).
  // Fail fast while Redis is down (no offline queue, no retries): outage tests want errors, not waits.
  const redis = new Redis(options.redisUrl, { protocol: 2, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  redis.on('error', () => {}); // reconnects on its own; each request reports its own failure
  await redis.connect();
  const shas = new ScriptShas();
  const streams = new Set<Redis>();
  const server = createServer((req, res) => {
    const stream = streamRequest(req, options.token);
    if ('kind' in stream) return void serveStream(req, res, options.redisUrl, stream, streams);
    if (stream.answer) return send(res, stream.answer);
    void handle(req, redis, shas, options.token).then((answer) => send(res, answer));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const subscriber of streams) subscriber.disconnect();
      redis.disconnect();
    },
  };
}

/** A pub/sub stream to serve, an answer refusing one, or neither (a plain command request). */
function streamRequest(req: IncomingMessage, token: string): StreamRequest | { readonly answer?: Answer } {
  let stream: StreamRequest | undefined;
  try {
    stream = parseStreamPath((req.url ?? '/').split('?')[0]!);
  } catch (error) {
    return { answer: { status: 400, body: { error: errorMessage(error) } } };
  }
  if (!stream) return {};
  if (!authorized(req.headers.authorization, token)) return { answer: { status: 401, body: { error: 'Unauthorized' } } };
  if (req.method !== 'POST') return { answer: { status: 405, body: { error: `ERR ${req.method} is not supported; POST to subscribe` } } };
  return stream;
}

async function handle(req: IncomingMessage, redis: Redis, shas: ScriptShas, token: string): Promise<Answer> {
  if (!authorized(req.headers.authorization, token)) return { status: 401, body: { error: 'Unauthorized' } };
  if (req.method !== 'POST') return { status: 405, body: { error: `ERR ${req.method} is not supported; POST a JSON command` } };
  const encoding: Encoding = req.headers['upstash-encoding'] === 'base64' ? 'base64' : 'utf8';
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
  try {
    const body: unknown = JSON.parse(await readBody(req));
    if (path === '/') return await single(redis, parseCommand(body, shas), encoding);
    if (path !== '/pipeline' && path !== '/multi-exec') return { status: 404, body: { error: `ERR unknown endpoint ${path}` } };
    if (!Array.isArray(body) || body.length === 0) throw new CommandError('ERR a pipeline is a non-empty JSON array of commands');
    const commands = body.map((raw) => parseCommand(raw, shas));
    return await batch(redis, commands, path === '/multi-exec', encoding);
  } catch (error) {
    if (error instanceof SyntaxError) return { status: 400, body: { error: `ERR the body is not JSON: ${error.message}` } };
    if (error instanceof CommandError) return { status: 400, body: { error: error.message } };
    // Redis's own reply errors (WRONGTYPE, NOSCRIPT, EXECABORT, ...) are the client's fault: 400 as on Upstash.
    const replyError = error instanceof Error && error.name === 'ReplyError';
    return { status: replyError ? 400 : 500, body: { error: errorMessage(error) } };
  }
}

async function single(redis: Redis, command: Command, encoding: Encoding): Promise<Answer> {
  const value = await redis.callBuffer(command.name, ...command.args);
  return { status: 200, body: { result: encodeReply(command.fixReply(value), encoding) } };
}

async function batch(redis: Redis, commands: readonly Command[], atomic: boolean, encoding: Encoding): Promise<Answer> {
  const queue = atomic ? redis.multi() : redis.pipeline();
  for (const command of commands) queue.callBuffer(command.name, ...command.args);
  const results = (await queue.exec()) as [Error | null, unknown][] | null;
  if (!results) return { status: 400, body: { error: 'ERR transaction aborted' } };
  const entries = results.map(([error, value], i) => encodeEntry([error, error ? value : commands[i]!.fixReply(value)], encoding));
  return { status: 200, body: entries };
}

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, { status, body }: Answer): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
