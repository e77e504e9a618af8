// The Upstash REST proxy (scripts/upstash-rest-proxy) through the real @upstash/redis client, over
// the redis-server that `npm test` starts.

import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startUpstashProxy, type RunningProxy } from '../../../scripts/upstash-rest-proxy/proxy.ts';
import { redisUrl } from '../../helpers/services.ts';

const TOKEN = 'proxy-test-token';

describe('upstash REST proxy', () => {
  let proxy: RunningProxy;
  let redis: Redis;
  let prefix: string;
  const key = (name: string) => `${prefix}:${name}`;

  before(async () => {
    proxy = await startUpstashProxy({ redisUrl: redisUrl(), token: TOKEN });
    redis = new Redis({ url: proxy.url, token: TOKEN, retry: false, enableTelemetry: false });
  });
  after(() => proxy?.close());
  beforeEach(() => {
    prefix = `proxy-test:${randomUUID()}`;
  });

  it('listens on loopback only', () => {
    assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('sets and gets strings, JSON values and unicode', async () => {
    assert.equal(await redis.set(key('s'), 'hello'), 'OK');
    assert.equal(await redis.get(key('s')), 'hello');
    await redis.set(key('json'), { plan: 'pro', seats: 3 });
    assert.deepEqual(await redis.get(key('json')), { plan: 'pro', seats: 3 });
    await redis.set(key('u'), 'grüße 🚦 \u0000 binary-ish');
    assert.equal(await redis.get(key('u')), 'grüße 🚦 \u0000 binary-ish');
    assert.equal(await redis.get(key('missing')), null);
    assert.deepEqual(await redis.mget(key('s'), key('missing'), key('json')), ['hello', null, { plan: 'pro', seats: 3 }]);
  });

  it('counts and expires keys', async () => {
    assert.equal(await redis.incr(key('n')), 1);
    assert.equal(await redis.incrby(key('n'), 41), 42);
    assert.equal(await redis.expire(key('n'), 100), 1);
    const ttl = await redis.ttl(key('n'));
    assert.ok(ttl > 90 && ttl <= 100, `ttl ${ttl}`);
    assert.equal(await redis.set(key('nx'), 'a', { nx: true, px: 5000 }), 'OK');
    assert.equal(await redis.set(key('nx'), 'b', { nx: true }), null);
    assert.equal(await redis.del(key('n'), key('nx')), 2);
    assert.equal(await redis.exists(key('n')), 0);
  });

  it('keeps hashes and sorted sets in the shapes the client expects', async () => {
    await redis.hset(key('h'), { env: 'prod', version: 7 });
    assert.equal(await redis.hincrby(key('h'), 'version', 1), 8);
    assert.deepEqual(await redis.hgetall(key('h')), { env: 'prod', version: 8 });
    await redis.zadd(key('z'), { score: 2, member: 'b' }, { score: 1, member: 'a' });
    assert.deepEqual(await redis.zrange(key('z'), 0, -1, { withScores: true }), ['a', 1, 'b', 2]);
  });

  it('runs pipelines and reports the failing command', async () => {
    const results = await redis.pipeline().set(key('p'), 'v').incr(key('c')).get(key('p')).exec();
    assert.deepEqual(results, ['OK', 1, 'v']);
    const failing = redis.pipeline().set(key('p'), 'v').lpush(key('p'), 'x');
    await assert.rejects(failing.exec(), /Command 2 \[ lpush \] failed: WRONGTYPE/);
    const kept = await redis.pipeline().get(key('p')).lpush(key('p'), 'x').exec({ keepErrors: true });
    assert.deepEqual(kept[0], { result: 'v', error: undefined });
    assert.match(String(kept[1]?.error), /WRONGTYPE/);
  });

  it('runs multi-exec transactions atomically', async () => {
    const results = await redis.multi().set(key('m'), 1).incr(key('m')).incr(key('m')).exec();
    assert.deepEqual(results, ['OK', 2, 3]);
    const aborted = await fetch(`${proxy.url}/multi-exec`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify([['SET', key('m'), '9'], ['NOSUCHCOMMAND']]),
    });
    assert.equal(aborted.status, 400);
    assert.match((await aborted.json() as { error: string }).error, /unknown command|EXECABORT/i);
    assert.equal(await redis.get(key('m')), 3);
  });

  it('evaluates scripts, including ones whose header Redis 7.0 rejects', async () => {
    assert.equal(await redis.eval('return redis.call("INCRBY", KEYS[1], ARGV[1])', [key('e')], [5]), 5);
    const flagged = '#!lua flags=allow-key-locking\nreturn redis.call("INCR", KEYS[1])';
    assert.equal(await redis.eval(flagged, [key('e')], []), 6);
    const sha = await redis.scriptLoad(flagged);
    assert.equal(await redis.evalsha(sha, [key('e')], []), 7);
    assert.deepEqual(await redis.scriptExists(sha), [1]);
    const script = redis.createScript<number>('#!lua flags=no-writes,allow-key-locking\nreturn 41 + tonumber(ARGV[1])');
    assert.equal(await script.exec([], ['1']), 42);
    await assert.rejects(redis.evalsha('0'.repeat(40), [], []), /NOSCRIPT/);
  });

  it('answers Redis errors as Upstash errors', async () => {
    await redis.set(key('str'), 'x');
    await assert.rejects(redis.lpush(key('str'), 'y'), (error: Error) => error.name === 'UpstashError' && /WRONGTYPE/.test(error.message));
    await assert.rejects(redis.eval('return redis.call("NOPE")', [], []), /UpstashError|ERR/);
  });

  it('refuses a wrong or missing token', async () => {
    const stranger = new Redis({ url: proxy.url, token: 'wrong-token', retry: false, enableTelemetry: false });
    await assert.rejects(stranger.get(key('s')), /Unauthorized/);
    const bare = await fetch(proxy.url, { method: 'POST', body: '["PING"]' });
    assert.equal(bare.status, 401);
    assert.deepEqual(await bare.json(), { error: 'Unauthorized' });
  });

  it('encodes replies as base64 only when the client asks', async () => {
    await redis.set(key('b'), 'grüße');
    const ask = (encoding?: string) => fetch(proxy.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, ...(encoding ? { 'Upstash-Encoding': encoding } : {}) },
      body: JSON.stringify(['MGET', key('b'), key('none')]),
    }).then((response) => response.json());
    assert.deepEqual(await ask(), { result: ['grüße', null] });
    assert.deepEqual(await ask('base64'), { result: [Buffer.from('grüße').toString('base64'), null] });
    const plain = new Redis({ url: proxy.url, token: TOKEN, responseEncoding: false, retry: false, enableTelemetry: false });
    assert.equal(await plain.get(key('b')), 'grüße');
    assert.equal(await plain.set(key('b'), 'OK'), 'OK');
  });

  it('rejects malformed bodies and unknown endpoints with { error }', async () => {
    const post = (path: string, body: string) => fetch(`${proxy.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body });
    for (const [path, body] of [['/', '{'], ['/', '[]'], ['/', '[{"a":1}]'], ['/pipeline', '{}'], ['/', '["SUBSCRIBE","c"]'], ['/nowhere', '["PING"]']] as const) {
      const response = await post(path, body);
      assert.ok(response.status === 400 || response.status === 404, `${path} ${body}: ${response.status}`);
      assert.equal(typeof (await response.json() as { error: unknown }).error, 'string');
    }
  });

  it('serves @upstash/ratelimit (its scripts carry allow-key-locking)', async () => {
    const limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(3, '10 s'), prefix: key('rl'), ephemeralCache: false });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await limiter.limit('user-1')).success);
    assert.deepEqual(outcomes, [true, true, true, false]);
    assert.equal((await limiter.getRemaining('user-2')).remaining, 3);
  });
});
