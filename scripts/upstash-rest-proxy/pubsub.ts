// Upstash's pub/sub over HTTP: `POST /subscribe/<channel>[/<channel>...]` or `POST /psubscribe/<pattern>...`
// answers a Server-Sent Events stream with `data: subscribe,<channel>,<count>`, then
// `data: message,<channel>,<message>` (`data: pmessage,<pattern>,<channel>,<message>` for patterns),
// the lines @upstash/redis's Subscriber parses. Each stream has its own Redis connection: a
// subscribed connection can run nothing else, and closing it is how the stream's subscription ends.

import { Redis } from 'ioredis';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from './replies.ts';

export type StreamRequest = { readonly kind: 'subscribe' | 'psubscribe'; readonly names: readonly string[] };

/** The stream a path asks for, undefined when it is no stream path; throws on a path without names. */
export function parseStreamPath(path: string): StreamRequest | undefined {
  const [, kind, ...rest] = path.split('/');
  if (kind !== 'subscribe' && kind !== 'psubscribe') return undefined;
  const names = rest.filter(Boolean).map((name) => decodeURIComponent(name));
  if (names.length === 0) throw new Error(`ERR ${kind} needs at least one ${kind === 'subscribe' ? 'channel' : 'pattern'}: /${kind}/<name>`);
  return { kind, names };
}

/**
 * One SSE line per field, as the SSE format wants: a message with a line break would otherwise end
 * its event early. @upstash/redis reads every `data: ` line on its own, so such a message reaches it
 * cut at the break; our own messages (JSON) never contain one.
 */
function event(data: string): string {
  return `${data.split(/\r?\n/).map((line) => `data: ${line}`).join('\n')}\n\n`;
}

/**
 * Subscribes a fresh connection, then streams. Fails with an error (before any header is sent) when
 * Redis can't be reached; ends the stream when Redis goes away (no reconnect: a client must see the
 * end to subscribe again), and closes the connection when the client goes away.
 */
export async function serveStream(req: IncomingMessage, res: ServerResponse, redisUrl: string, request: StreamRequest, open: Set<Redis>): Promise<void> {
  const subscriber = new Redis(redisUrl, {
    protocol: 2,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    autoResubscribe: false,
  });
  subscriber.on('error', () => {}); // the 'end' below reports a lost connection
  req.resume(); // the body (`[]` from @upstash/redis) carries nothing for a stream
  open.add(subscriber);
  const close = () => {
    open.delete(subscriber);
    subscriber.disconnect();
  };
  res.on('close', close);
  // Listening before subscribing: ioredis may parse a message in the same read as the SUBSCRIBE reply,
  // before our `await` resumes; such a message waits here until the subscribe lines are written.
  let queued: string[] | undefined = [];
  const send = (data: string) => (queued ? queued.push(data) : res.write(event(data)));
  subscriber.on('message', (channel: string, message: string) => send(`message,${channel},${message}`));
  subscriber.on('pmessage', (pattern: string, channel: string, message: string) => send(`pmessage,${pattern},${channel},${message}`));
  try {
    await subscriber.connect();
    const counts: number[] = [];
    for (const name of request.names) {
      const count = request.kind === 'subscribe' ? await subscriber.subscribe(name) : await subscriber.psubscribe(name);
      counts.push(Number(count));
    }
    if (res.destroyed) return close();
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    request.names.forEach((name, i) => res.write(event(`${request.kind},${name},${counts[i]}`)));
    for (const data of queued) res.write(event(data));
    queued = undefined;
  } catch (error) {
    close();
    if (res.headersSent || res.destroyed) return void res.destroy();
    const body = JSON.stringify({ error: errorMessage(error) });
    res.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    return void res.end(body);
  }
  // Redis went away (or the proxy closes): end the stream so the client knows it must subscribe again.
  subscriber.once('end', () => {
    open.delete(subscriber);
    res.end();
  });
}
