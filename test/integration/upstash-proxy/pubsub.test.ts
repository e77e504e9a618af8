// The Upstash REST proxy's pub/sub streams through the real @upstash/redis client's subscribe and
// psubscribe. The suite runs its own redis-server: one test stops it, to see that streams end.

import { Redis } from '@upstash/redis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startRedis, type RunningRedis } from '../../../scripts/services/redis.ts';
import { startUpstashProxy, type RunningProxy } from '../../../scripts/upstash-rest-proxy/proxy.ts';
import { eventually, inbox } from '../../helpers/inbox.ts';

const TOKEN = 'pubsub-test-token';

type Message = { channel: string; message: unknown };

/** Reads a raw SSE response: each `data: ` line, and the end of the stream. */
function readLines(response: Response) {
  const lines = inbox<string>();
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) if (line.startsWith('data: ')) lines.push(line.slice(6));
    }
  })();
  return { lines, ended };
}

describe('upstash REST proxy: pub/sub over SSE', () => {
  let redisServer: RunningRedis;
  let proxy: RunningProxy;
  let redis: Redis;
  let channel: string;
  const post = (path: string, init: { token?: string; method?: string; signal?: AbortSignal } = {}) =>
    fetch(`${proxy.url}${path}`, {
      method: init.method ?? 'POST',
      ...(init.signal ? { signal: init.signal } : {}),
      headers: { Authorization: `Bearer ${init.token ?? TOKEN}`, Accept: 'text/event-stream' },
      ...(init.method === 'GET' ? {} : { body: '[]' }),
    });
  const subscribers = (name: string) => redis.exec<[string, number]>(['PUBSUB', 'NUMSUB', name]).then((reply) => Number(reply[1]));

  before(async () => {
    redisServer = await startRedis();
    proxy = await startUpstashProxy({ redisUrl: redisServer.url, token: TOKEN });
    redis = new Redis({ url: proxy.url, token: TOKEN, retry: false, enableTelemetry: false });
  });
  after(async () => {
    await proxy?.close();
    await redisServer?.stop();
  });
  beforeEach(() => {
    channel = `pubsub-test:${randomUUID()}`;
  });

  it('delivers published messages to @upstash/redis subscribers, with the subscription count first', async () => {
    const counts = inbox<number>();
    const messages = inbox<Message>();
    const subscriber = redis.subscribe<unknown>(channel);
    subscriber.on('subscribe', (count) => counts.push(count));
    subscriber.on('message', (data) => messages.push(data));
    try {
      assert.equal(await counts.until(() => true, 5_000, 'subscribe confirmation'), 1);
      assert.equal(await redis.publish(channel, { env: 'prod', version: 7 }), 1);
      assert.equal(await redis.publish(channel, 'plain text, with commas'), 1);
      await messages.until((m) => m.message === 'plain text, with commas', 5_000, 'the second message');
      assert.deepEqual(messages.items, [
        { channel, message: { env: 'prod', version: 7 } },
        { channel, message: 'plain text, with commas' },
      ]);
    } finally {
      await subscriber.unsubscribe();
    }
  });

  it('delivers pattern messages with their pattern and channel', async () => {
    const messages = inbox<{ pattern: string; channel: string; message: unknown }>();
    const pattern = `${channel}:*`;
    const subscriber = redis.psubscribe<unknown>(pattern);
    subscriber.on('pmessage', (data) => messages.push(data));
    try {
      await eventually(async () => Number(await redis.exec(['PUBSUB', 'NUMPAT'])) > 0, 5_000, 'the pattern subscription');
      await redis.publish(`${channel}:a`, { n: 1 });
      assert.deepEqual(await messages.until(() => true, 5_000, 'a pmessage'), { pattern, channel: `${channel}:a`, message: { n: 1 } });
    } finally {
      await subscriber.unsubscribe();
    }
  });

  it('subscribes one stream to several channels, counting as Redis does', async () => {
    const abort = new AbortController();
    const response = await post(`/subscribe/${channel}:1/${channel}:2`, { signal: abort.signal });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const { lines, ended } = readLines(response);
    await lines.until((line) => line.startsWith(`subscribe,${channel}:2`));
    assert.deepEqual(lines.items, [`subscribe,${channel}:1,1`, `subscribe,${channel}:2,2`]);
    await redis.publish(`${channel}:2`, 'two');
    assert.equal(await lines.until((line) => line.startsWith('message')), `message,${channel}:2,two`);
    abort.abort();
    await ended.catch(() => undefined);
  });

  it('closes the stream\'s Redis connection when the client goes away', async () => {
    const subscriber = redis.subscribe<unknown>(channel);
    const counts = inbox<number>();
    subscriber.on('subscribe', (count) => counts.push(count));
    await counts.until(() => true);
    assert.equal(await subscribers(channel), 1);
    await subscriber.unsubscribe();
    await eventually(async () => (await subscribers(channel)) === 0, 5_000, 'the subscriber connection to close');
  });

  it('refuses a wrong token, a stream without channels and other methods', async () => {
    assert.equal((await post(`/subscribe/${channel}`, { token: 'wrong' })).status, 401);
    const empty = await post('/subscribe');
    assert.equal(empty.status, 400);
    assert.match((await empty.json() as { error: string }).error, /at least one channel/);
    assert.equal((await post(`/subscribe/${channel}`, { method: 'GET' })).status, 405);
  });

  // Last: it stops this suite's Redis.
  it('ends every stream when Redis goes away, so clients can notice and subscribe again', async () => {
    const response = await post(`/subscribe/${channel}`);
    const { lines, ended } = readLines(response);
    await lines.until(() => true);
    await redisServer.stop();
    await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream did not end')), 5_000))]);
    const refused = await post(`/subscribe/${channel}`);
    assert.equal(refused.status, 500);
    assert.equal(typeof (await refused.json() as { error: unknown }).error, 'string');
  });
});
