// The metrics publisher with the real @google-cloud/pubsub client against the official emulator,
// read back by synchronous pull; and against a Pub/Sub that never answers, where no evaluation may wait or fail.

import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PubSub, v1 } from '@google-cloud/pubsub';
import { pubsubEmulator } from '../../helpers/services.ts';
import { serveFunction } from '../../helpers/function-server.ts';
import { MetricsMessageSchema } from '../../../shared/telemetry/metrics-message.ts';
import { startMetricsPublisher } from '../../../shared/telemetry/publisher.ts';
import { pubsubSink } from '../../../shared/telemetry/pubsub-sink.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

describe('metrics publisher on Pub/Sub (emulator)', () => {
  let pubsub: PubSub;
  before(() => {
    pubsub = new PubSub({ projectId: pubsubEmulator().projectId });
  });
  after(() => pubsub.close());

  it('publishes one compact message per interval that the aggregator can pull and parse', async () => {
    const name = `metrics-${randomUUID()}`;
    const [topic] = await pubsub.createTopic(name);
    const [subscription] = await topic.createSubscription(`${name}-sub`);
    const recorder = createMetricsRecorder();
    const sink = pubsubSink({ projectId: pubsubEmulator().projectId, topic: name });
    const publisher = startMetricsPublisher({ recorder, sink, function: 'evaluate', intervalMs: 3_600_000, instance: 'instance-a' });
    try {
      recorder.count('evaluations', { environment: 'prod', flag: 'checkout', variant: 'on', reason: 'SPLIT' }, 5);
      recorder.observe('http_latency', { function: 'evaluate', route: '/ofrep/v1/evaluate/flags/:key' }, 0.4);
      await publisher.flush();
      recorder.count('evaluations', { environment: 'prod', flag: 'checkout', variant: 'off', reason: 'SPLIT' }, 2);
      await publisher.close(); // shutdown sends what is left

      // The v1 client reaches the emulator only when built from the PubSub client's own config.
      const client = new v1.SubscriberClient((await pubsub.getClientConfig()) as ConstructorParameters<typeof v1.SubscriberClient>[0]);
      try {
        const received: unknown[] = [];
        for (let attempt = 0; attempt < 20 && received.length < 2; attempt++) {
          const [pulled] = await client.pull({ subscription: subscription.name, maxMessages: 10 });
          const messages = pulled.receivedMessages ?? [];
          for (const m of messages) {
            received.push(JSON.parse(Buffer.from(m.message!.data as Uint8Array).toString('utf8')));
            assert.equal(m.message!.attributes!.schema, 'switchyard.metrics.v1');
          }
          if (messages.length > 0) await client.acknowledge({ subscription: subscription.name, ackIds: messages.map((m) => m.ackId!) });
        }
        assert.equal(received.length, 2);
        const parsed = received.map((r) => MetricsMessageSchema.parse(r));
        assert.deepEqual(parsed.map((m) => m.instance), ['instance-a', 'instance-a']);
        assert.deepEqual(parsed[0]!.counters, [{ m: 'evaluations', l: { environment: 'prod', flag: 'checkout', variant: 'on', reason: 'SPLIT' }, v: 5 }]);
        assert.equal(parsed[0]!.distributions[0]!.count, 1);
        assert.deepEqual(parsed[1]!.counters.map((c) => c.l.variant), ['off']);
        assert.ok(parsed[1]!.start >= parsed[0]!.end - 1);
      } finally {
        await client.close();
      }
    } finally {
      await sink.close();
      await subscription.delete();
      await topic.delete();
    }
  });

  it('keeps evaluations answering, unchanged and without waiting, when Pub/Sub is unreachable, and counts what it drops', async () => {
    // A Pub/Sub that takes connections and never answers: the publish hangs until its timeout.
    const held = new Set<Socket>();
    const silent = createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const recorder = createMetricsRecorder();
    const sink = pubsubSink({ projectId: 'demo-switchyard', topic: 'unreachable', apiEndpoint: `127.0.0.1:${port}`, timeoutMs: 300 });
    let failures = 0;
    const publisher = startMetricsPublisher({ recorder, sink, function: 'evaluate', intervalMs: 3_600_000, maxBuffered: 2, publishTimeoutMs: 300, onFailure: () => failures++ });
    const store = createMemoryStore({ environments: { prod: { flags: [{ key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'on' }] } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'prod', secret: 'sdk-key-metrics-down-01' }] });
    const served = await serveFunction('evaluate', createEvaluateFunction({
      keys: keyLookup(store.keys),
      limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }),
      snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 60_000 }),
      now: Date.now,
      metrics: recorder,
      telemetry: testTelemetry('evaluate', recorder),
    }));
    try {
      const evaluate = async () => {
        const res = await fetch(`${served.url}/ofrep/v1/evaluate/flags/f`, { method: 'POST', headers: { authorization: 'Bearer sdk-key-metrics-down-01', 'content-type': 'application/json' }, body: '{"context":{"targetingKey":"u"}}' });
        assert.equal(res.status, 200);
        assert.equal(((await res.json()) as { value: boolean }).value, true);
      };
      await evaluate(); // something to publish
      for (let i = 0; i < 4; i++) {
        let published = false;
        const flushing = publisher.flush().finally(() => (published = true));
        await evaluate();
        assert.equal(published, false, 'the evaluation was answered while the publish was still failing');
        await flushing;
      }
      assert.equal(publisher.buffered(), 2);
      // Counts recorded since the last drain; earlier ones travel inside the buffered messages.
      const drained = recorder.drain().counters;
      const dropped = drained.filter((c) => c.m === 'metrics_dropped' && c.l.reason === 'buffer_full').reduce((a, c) => a + c.v, 0);
      assert.ok(dropped >= 1, `dropped ${dropped}`);
      assert.ok(drained.some((c) => c.m === 'metrics_publish_failures'));
      assert.ok(failures >= 3, `failures ${failures}`);
    } finally {
      await served.close();
      await sink.close();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});
