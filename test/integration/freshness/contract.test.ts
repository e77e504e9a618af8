// The freshness contract (DESIGN.md section 4) with real parts: the Firestore emulator, a
// redis-server of this suite's own (it is stopped mid-run) behind the Upstash REST proxy, the real
// @upstash/redis client, real HTTP. Three evaluate instances and one streams instance, each a child
// process (scripts/bench/live/instance.ts) with backends of its own, as on Cloud Run: instances
// in one process could share one Redis change feed (which tells its own process's listeners
// synchronously) and hide the cross-instance path this is about. The admin function runs here, on the same Firestore and
// Redis.
//
// The bound is the behaviour under test, checked from versions: every answer records the version it
// came from (bulk metadata.version, single flag metadata.flagVersion), every write the versions it
// made and when its acknowledgement arrived; an answer to a request sent more than the bound after
// an acknowledgement must be at least that version (or say STALE: the contract's escape once a
// confirmation misses its deadline). No other timing is asserted; events are waited for with
// bounded timeouts.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EventSource } from 'eventsource';
import { readRuntimeConfig, type RuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { TIER_TRUST_SECONDS } from '../../../shared/wiring/backends.ts';
import { startRedis, type RunningRedis } from '../../../scripts/services/redis.ts';
import { startUpstashProxy, type RunningUpstashProxy } from '../../../scripts/services/upstash.ts';
import { seedProduct, type Product } from '../../../scripts/bench/propagation/product.ts';
import { startLiveInstance, startLiveInstances, type LiveInstance } from '../../../scripts/bench/live/instances.ts';
import { ask, owedBy, violations, type Ack, type Answer } from '../../../scripts/bench/live/answers.ts';
import { measureWriteToAnswer } from '../../../scripts/bench/live/write-to-answer.ts';
import { createWriter, type Writer } from '../../../scripts/bench/live/writer.ts';
import { eventually, inbox } from '../../helpers/inbox.ts';
import { firestoreEmulator } from '../../helpers/services.ts';

type Notice = { readonly version: number; readonly etag: string };

/** The environment of the test process without Switchyard or Upstash settings: the suite sets its own. */
const clean = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SWITCHYARD_|UPSTASH_)/.test(name)));

function listen(url: string): { source: EventSource; notices: ReturnType<typeof inbox<Notice>>; opened: Promise<void> } {
  const notices = inbox<Notice>();
  const source = new EventSource(url);
  const opened = new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    setTimeout(() => reject(new Error('the stream did not open within 10 s')), 10_000).unref();
  });
  source.onmessage = (event) => {
    const data = JSON.parse(event.data) as { type: string; etag: string };
    if (data.type === 'refetchEvaluation') notices.push({ version: Number(event.lastEventId), etag: data.etag });
  };
  return { source, notices, opened };
}

describe('freshness contract: three evaluate instances and a streams instance on Firestore + Redis', function () {
  this.timeout(120_000);
  let redis: RunningRedis;
  let proxy: RunningUpstashProxy;
  let config: RuntimeConfig;
  let streams: LiveInstance;
  let evaluators: LiveInstance[];
  let product: Product;
  let writer: Writer;
  let bound: number;
  const urls = () => evaluators.map((e) => e.url);

  before(async () => {
    redis = await startRedis();
    proxy = await startUpstashProxy(redis.url, 'freshness-token');
    const env = {
      ...clean(),
      GOOGLE_CLOUD_PROJECT: firestoreEmulator().projectId,
      SWITCHYARD_STORE: 'firestore',
      SWITCHYARD_STAGE: 'test',
      UPSTASH_REDIS_REST_URL: proxy.url,
      UPSTASH_REDIS_REST_TOKEN: proxy.token,
      SWITCHYARD_STREAM_SECRET: randomBytes(32).toString('base64url'),
      SWITCHYARD_RATE_PER_SECOND: '1000000',
      SWITCHYARD_RATE_BURST: '1000000',
    };
    config = readRuntimeConfig(env);
    bound = config.SWITCHYARD_MAX_STALENESS_MS;
    streams = await startLiveInstance('streams', env);
    evaluators = await startLiveInstances(3, 'evaluate', { ...env, SWITCHYARD_STREAMS_URL: streams.url });
    product = await seedProduct(config, `fresh-${Date.now().toString(36)}`);
    writer = await createWriter(product, 'live');
    for (const [i, url] of urls().entries()) assert.equal((await ask(url, product.sdkKey, i, 'bulk', 'live')).status, 200);
  });

  after(async () => {
    await product?.close();
    await Promise.all([...(evaluators ?? []), ...(streams ? [streams] : [])].map((i) => i.stop()));
    await proxy?.stop();
    await redis?.stop();
  });

  const checkContract = (result: Awaited<ReturnType<typeof measureWriteToAnswer>>) => {
    assert.equal(result.non200, 0, 'every answer is 200');
    assert.equal(result.unversioned, 0, 'every answer says the version it came from');
    assert.equal(result.violations - result.violationsMarkedStale, 0, `no answer older than the bound unless it says STALE: ${JSON.stringify(result.violationExamples)}`);
    console.log(`      ${result.answers} answers, ${result.writes} writes, first fresh answer p50 ${result.firstFresh.p50Ms} ms max ${result.firstFresh.maxMs} ms; older than the bound and STALE: ${result.violationsMarkedStale}`);
  };

  it('low traffic (one request per second per instance): no answer older than the bound', async () => {
    checkContract(await measureWriteToAnswer(product, urls(), writer, { kind: 'quiet' }, { writes: 6, gapMs: [800, 1600], boundMs: bound, seed: 1 }));
  });

  it('under load: no answer older than the bound', async () => {
    checkContract(await measureWriteToAnswer(product, urls(), writer, { kind: 'load', concurrency: 2 }, { writes: 10, gapMs: [100, 400], boundMs: bound, seed: 2 }));
  });

  it('a notice seen through one instance\'s stream and the re-fetch with its flagConfigEtag on another instance agree', async () => {
    const bulk = await ask(urls()[0]!, product.sdkKey, 0, 'bulk', 'live');
    const offered = (bulk.body as { eventStreams?: { url: string }[] }).eventStreams?.[0]?.url;
    assert.ok(offered?.startsWith(streams.url), `the bulk answer offers the streams instance (${offered})`);
    const { source, notices, opened } = listen(offered!);
    try {
      await opened;
      for (let round = 0; round < 5; round++) {
        const { version } = await writer.write();
        const notice = await notices.until((n) => n.version >= version, 5_000, `a notice of version ${version}`);
        assert.equal(notice.etag, `"${notice.version}"`);
        for (const [i, url] of urls().entries()) {
          if (i === 0) continue;
          const again = await ask(url, product.sdkKey, i, 'bulk', 'live', `?flagConfigEtag=${encodeURIComponent(notice.etag)}`);
          assert.equal(again.status, 200);
          assert.ok(again.version >= notice.version, `instance ${i} answered version ${again.version} to a re-fetch for ${notice.version}`);
        }
      }
    } finally {
      source.close();
    }
  });

  it('with Redis stopped mid-run: answers keep a looser bound, and the stream notifies again once Redis is back', async () => {
    // While Redis is away an instance's confirmation pays the Redis timeout (three failures open its
    // breaker) before the store is read, and an answer waits for it up to the confirmation deadline.
    // When Redis comes back, the admin function's breaker may still be open (its announcement
    // skipped) while an instance, reading the store, republishes the version it found to the tier:
    // that version is trusted for TIER_TRUST_SECONDS (shared/wiring/backends.ts). Hence:
    const looser = bound + TIER_TRUST_SECONDS * 1000 + 3 * config.SWITCHYARD_REDIS_TIMEOUT_MS + config.SWITCHYARD_CONFIRM_DEADLINE_MS;
    const bulk = await ask(urls()[0]!, product.sdkKey, 0, 'bulk', 'live');
    const { source, notices, opened } = listen((bulk.body as { eventStreams: { url: string }[] }).eventStreams[0]!.url);
    const answers: Answer[] = [];
    const acks: Ack[] = [];
    let running = true;
    const client = async (i: number) => {
      while (running) {
        const { body: _, ...answer } = await ask(urls()[i]!, product.sdkKey, i, answers.length % 2 ? 'flag' : 'bulk', 'live');
        answers.push(answer);
      }
    };
    const clients = urls().map((_, i) => client(i));
    const write = async () => {
      const ack = await writer.write();
      acks.push(ack);
      return ack;
    };
    try {
      await opened;
      const before = await write();
      await notices.until((n) => n.version >= before.version, 5_000, 'a notice with Redis up');
      const opensBefore = (await streams.feed())!.subscriptionsOpened;

      await redis.stop();
      // Writes are still acknowledged (Firestore has them); the stream hears of them from its poll.
      for (let i = 0; i < 3; i++) {
        const during = await write();
        await notices.until((n) => n.version >= during.version, 10_000, `a notice of version ${during.version} while Redis is down`);
      }
      await eventually(async () => (await evaluators[0]!.breaker()) === 'open', 10_000, 'the Redis breaker of evaluate instance 0 opening');

      redis = await startRedis(redis.port);
      // The change feed heals itself: a new subscription is confirmed on the streams instance.
      await eventually(async () => {
        const feed = await streams.feed();
        return feed !== null && feed.connected && feed.subscriptionsOpened > opensBefore;
      }, 40_000, 'the streams instance re-subscribing to the change feed');
      for (let i = 0; i < 3; i++) {
        const after = await write();
        await notices.until((n) => n.version >= after.version, 10_000, `a notice of version ${after.version} after Redis returned`);
      }
      // Answers go on past the last write until it is owed everywhere under the looser bound.
      const last = acks.at(-1)!;
      await eventually(() => answers.some((a) => a.sentAt > last.ackAt + looser) && urls().every((_, i) => answers.some((a) => a.instance === i && a.sentAt > last.ackAt + looser)), looser + 10_000, 'answers after the looser bound');
    } finally {
      running = false;
      await Promise.all(clients);
      source.close();
    }
    assert.deepEqual(answers.filter((a) => a.status !== 200).map((a) => a.status), [], 'every answer is 200');
    const late = violations(answers, acks, looser).filter((v) => !v.answer.stale);
    assert.deepEqual(late.map((v) => ({ instance: v.answer.instance, route: v.answer.route, version: v.answer.version, owed: v.owed })), [], `no answer older than ${looser} ms unless it says STALE`);
    const last = acks.at(-1)!;
    for (const [i] of urls().entries()) {
      const settled = answers.filter((a) => a.instance === i && a.sentAt > last.ackAt + looser);
      assert.ok(settled.every((a) => a.version >= owedBy(last, a.route)), `instance ${i} serves the last write once it is owed`);
    }
    const strict = violations(answers, acks, bound);
    console.log(`      ${answers.length} answers, ${acks.length} writes; looser bound ${looser} ms; older than the strict ${bound} ms bound: ${strict.length} (latest ${Math.round(Math.max(0, ...strict.map((v) => v.lateByMs)))} ms after the acknowledgement)`);
  });
});
