// The Redis change feed between two "instances" (two feeds, each with its own @upstash/redis client)
// over the real Upstash REST proxy and a redis-server of this suite's own: the tests restart both.

import { Redis } from '@upstash/redis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startRedis, type RunningRedis } from '../../../scripts/services/redis.ts';
import { startUpstashProxy, type RunningProxy } from '../../../scripts/upstash-rest-proxy/proxy.ts';
import type { Change } from '../../../shared/cache/change-feed.ts';
import { createRedisChangeFeed, type RedisChangeFeed, type RedisChangeFeedOptions } from '../../../shared/cache/redis-change-feed.ts';
import { eventually, inbox, type Inbox } from '../../helpers/inbox.ts';

const TOKEN = 'change-feed-test-token';

type Logged = { message: string; fields: Record<string, unknown> };

describe('Redis change feed (Upstash pub/sub through the REST proxy)', () => {
  let redisServer: RunningRedis;
  let proxy: RunningProxy;
  let proxyPort: number;
  let plain: Redis;
  let channel: string;
  const feeds: RedisChangeFeed[] = [];

  const startProxy = async () => {
    proxy = await startUpstashProxy({ redisUrl: redisServer.url, token: TOKEN, port: proxyPort });
  };
  /** What the process's shared client is: every request under its own timeout, no retries. */
  const client = () => new Redis({ url: proxy.url, token: TOKEN, retry: false, enableTelemetry: false, signal: () => AbortSignal.timeout(2_000) });
  const feed = (log: Inbox<Logged> = inbox(), extra: Partial<RedisChangeFeedOptions> = {}) => {
    const created = createRedisChangeFeed({
      redis: client(),
      url: proxy.url,
      token: TOKEN,
      channel,
      log: (message, fields) => log.push({ message, fields }),
      backoff: { initialMs: 50, maxMs: 400 },
      confirmWithinMs: 2_000,
      ...extra,
    });
    feeds.push(created);
    return created;
  };
  const listen = (target: RedisChangeFeed) => {
    const changes = inbox<Change>();
    const stop = target.subscribe((change) => changes.push(change));
    return { changes, stop };
  };
  const change = (version: number, environment = 'prod'): Change => ({ environment, version, at: Date.now() });
  const subscribers = async () => Number((await plain.exec<[string, number]>(['PUBSUB', 'NUMSUB', channel]))[1]);
  const connected = (target: RedisChangeFeed, what = 'the feed to be subscribed') => eventually(() => target.status().connected, 10_000, what);

  before(async () => {
    redisServer = await startRedis();
    proxy = await startUpstashProxy({ redisUrl: redisServer.url, token: TOKEN });
    proxyPort = Number(new URL(proxy.url).port);
    plain = new Redis({ url: proxy.url, token: TOKEN, retry: false, enableTelemetry: false });
  });
  after(async () => {
    await proxy?.close();
    await redisServer?.stop();
  });
  beforeEach(() => {
    channel = `sy:changes:test-${randomUUID()}`;
  });
  afterEach(() => {
    for (const each of feeds.splice(0)) each.close();
  });

  it('carries a change from one instance to the other, and tells the publisher\'s own listeners once', async () => {
    const a = feed();
    const b = feed();
    const atA = listen(a);
    const atB = listen(b);
    await connected(a);
    await connected(b);
    const first = change(1);
    await a.publish(first);
    assert.deepEqual(atA.changes.items, [first], 'the publisher\'s listeners hear it before publish resolves');
    assert.deepEqual(await atB.changes.until(() => true, 5_000, 'the change at B'), first);
    // B's reply travels through Redis to A after A's own echo would have: A's list shows no echo.
    const second = change(2);
    await b.publish(second);
    await atA.changes.until((c) => c.version === 2, 5_000, 'the change from B at A');
    assert.deepEqual(atA.changes.items, [first, second]);
    assert.ok(b.status().lastMessageAt! >= first.at);
  });

  it('shares one subscription among a process\'s listeners and closes it with the last', async () => {
    const a = feed();
    const b = feed();
    const atB = [listen(b), listen(b), listen(b)];
    await connected(b);
    assert.equal(b.status().listeners, 3);
    assert.equal(b.status().subscriptionsOpened, 1);
    assert.equal(await subscribers(), 1);
    await a.publish(change(5));
    for (const { changes } of atB) assert.equal((await changes.until(() => true, 5_000, 'the change at each listener')).version, 5);

    atB[0]!.stop();
    atB[1]!.stop();
    atB[1]!.stop(); // twice: removes nothing more
    assert.equal(b.status().connected, true, 'one listener left keeps the subscription');
    atB[2]!.stop();
    assert.deepEqual([b.status().listeners, b.status().connected], [0, false]);
    await eventually(async () => (await subscribers()) === 0, 5_000, 'the subscription to close at the server');
    assert.equal(b.status().subscriptionsOpened, 1);
  });

  it('ignores and reports a malformed message, and goes on with the next', async () => {
    const log = inbox<Logged>();
    const b = feed(log);
    const atB = listen(b);
    await connected(b);
    await plain.publish(channel, 'not json at all');
    await plain.publish(channel, JSON.stringify({ environment: '', version: -1, at: 'yesterday' }));
    const report = await log.until((entry) => entry.message === 'change-feed malformed message', 5_000, 'the malformed-message report');
    assert.match(String(report.fields.error), /not JSON/);
    const good = change(9);
    await feed().publish(good);
    assert.deepEqual(await atB.changes.until(() => true, 5_000, 'the valid change after the malformed ones'), good);
    assert.equal(b.status().malformed, 2);
    assert.equal(log.items.filter((entry) => entry.message === 'change-feed malformed message').length, 1, 'logged once per interval');
    assert.deepEqual(atB.changes.items, [good]);
  });

  it('re-subscribes by itself when the proxy restarts, and later changes arrive', async () => {
    const log = inbox<Logged>();
    const a = feed();
    const b = feed(log);
    const atB = listen(b);
    await connected(b);
    await proxy.close();
    await eventually(() => !b.status().connected, 5_000, 'the feed to notice the lost stream');
    await startProxy();
    await connected(b, 'the feed to re-subscribe');
    await a.publish(change(11));
    assert.equal((await atB.changes.until(() => true, 5_000, 'a change after the restart')).version, 11);
    assert.ok(log.items.some((entry) => entry.message === 'change-feed subscription lost'), JSON.stringify(log.items));
    assert.ok(b.status().subscriptionsOpened >= 2);
  });

  it('re-subscribes by itself when Redis restarts, and later changes arrive', async () => {
    const a = feed();
    const b = feed();
    const atB = listen(b);
    await connected(b);
    await redisServer.stop();
    await eventually(() => !b.status().connected, 5_000, 'the feed to notice that Redis went away');
    await assert.rejects(a.publish(change(20)), 'a PUBLISH while Redis is down rejects');
    redisServer = await startRedis(redisServer.port);
    await connected(b, 'the feed to re-subscribe after Redis came back');
    // The proxy's own command connection reconnects on its own schedule: retry the publish until it goes through.
    await eventually(() => a.publish(change(21)).then(() => true, () => false), 10_000, 'a publish after Redis came back');
    assert.equal((await atB.changes.until((c) => c.version === 21, 5_000, 'a change after Redis restarted')).version, 21);
  });

  it('renews its subscription periodically and on demand without missing a change', async () => {
    const a = feed();
    const b = feed(inbox(), { renewEveryMs: 150, minRenewGapMs: 0, overlapMs: 100 });
    const atB = listen(b);
    await connected(b);
    const versions: number[] = [];
    for (let version = 1; b.status().subscriptionsOpened < 5; version++) {
      await a.publish(change(version, 'renewing'));
      versions.push(version);
      b.renew();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const last = versions.at(-1)!;
    await atB.changes.until((c) => c.version === last, 5_000, 'the last change published across renewals');
    // A change may arrive twice around a switch (harmless: notices are idempotent), never not at all.
    assert.deepEqual([...new Set(atB.changes.items.map((c) => c.version))].sort((x, y) => x - y), versions);
  });

  it('renews on its own timer while nobody asks, and stops renewing without listeners', async () => {
    const b = feed(inbox(), { renewEveryMs: 100, overlapMs: 30 });
    const { stop } = listen(b);
    await eventually(() => b.status().subscriptionsOpened >= 3, 5_000, 'two periodic renewals');
    assert.equal(b.status().connected, true);
    await eventually(async () => (await subscribers()) <= 2, 5_000, 'each renewal to close the subscription it replaced after the overlap');
    stop();
    const opened = b.status().subscriptionsOpened;
    await eventually(async () => (await subscribers()) === 0, 5_000, 'the subscription to close');
    assert.equal(b.status().subscriptionsOpened, opened);
  });
});
