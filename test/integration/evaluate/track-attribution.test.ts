// POST /v1/track attributes each event to the variant the user is served at that moment, for
// every flag with a running release plan (issue 17): the application sends only the event and
// its context, never the variant.

import { testTelemetry } from '../../helpers/telemetry.ts';
import assert from 'node:assert/strict';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OpenFeature, type EvaluationContext, type TrackingEventDetails } from '@openfeature/server-sdk';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { createMemoryBehaviorCounters } from '../../../shared/cache/behavior-counters.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { NOW, SDK_KEY } from './fixture.ts';

const split = (key: string, rule: string) => ({
  key, enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control',
  rules: [{ id: 'staff', when: { attr: 'staff', op: 'eq', value: true }, serve: { variant: 'treatment' } }, { id: rule, serve: { rollout: { split: [{ variant: 'treatment', weight: 30 }, { variant: 'control', weight: 70 }] } } }],
});

/**
 * The OFREP provider with OpenFeature's tracking API sent to POST /v1/track: the README's example
 * (OFREP 0.3 has no tracking call of its own). `flush` waits for the events sent so far.
 */
class SwitchyardProvider extends OFREPProvider {
  private readonly sent = new Set<Promise<unknown>>();
  private readonly url: string;
  private readonly key: string;
  constructor(url: string, key: string) {
    super({ baseUrl: url, headers: [['Authorization', `Bearer ${key}`]] });
    this.url = url;
    this.key = key;
  }
  track(event: string, context: EvaluationContext, details: TrackingEventDetails): void {
    const body = { event, context, ...(details.value === undefined ? {} : { value: details.value }) };
    const sending = fetch(`${this.url}/v1/track`, { method: 'POST', headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
    this.sent.add(sending);
    void sending.finally(() => this.sent.delete(sending));
  }
  flush = () => Promise.all([...this.sent]);
}

describe('evaluate: tracked events attributed to the variant served', () => {
  let server: RunningFunction;
  const metrics = createMetricsRecorder();
  let running = new Map([['checkout', 'ramp']]);
  before(async () => {
    const loyal = { ...split('loyal', 'ramp'), rules: [{ id: 'buyers', when: { attr: 'behavior.purchase.count_7d', op: 'gte', value: 1 }, serve: { variant: 'control' } }, split('loyal', 'ramp').rules[1]!] };
    const store = createMemoryStore({ environments: { test: { flags: [split('checkout', 'ramp'), split('search', 'ramp'), loyal] } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'test', secret: SDK_KEY }] });
    const behavior = createMemoryBehaviorCounters();
    server = await serveFunction('evaluate', createEvaluateFunction({
      keys: keyLookup(store.keys), limiter: createMemoryRateLimiter({ ratePerSecond: 10_000, burst: 10_000 }), snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 0 }),
      now: () => NOW, metrics, behavior: { record: behavior.record, counts: behavior.counts }, releases: { running: async () => running }, telemetry: testTelemetry('evaluate', metrics),
    }));
  });
  after(() => server.close());
  const call = (path: string, body: unknown) => fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SDK_KEY}` }, body: JSON.stringify(body) });
  const served = async (user: string) => ((await (await call('/ofrep/v1/evaluate/flags/checkout', { context: { targetingKey: user } })).json()) as { variant: string }).variant;

  it('counts each user\'s events for the variant that user is served, with their values', async () => {
    metrics.drain();
    const expected: Record<string, number> = {};
    for (let u = 0; u < 300; u++) {
      const user = `user-${u}`;
      const variant = await served(user);
      expected[variant] = (expected[variant] ?? 0) + 1;
      const answer = await call('/v1/track', { event: 'error', context: { targetingKey: user }, value: 120 });
      assert.equal(answer.status, 202);
      assert.deepEqual(((await answer.json()) as { attributed: unknown }).attributed, [{ flag: 'checkout', variant }]);
    }
    const drained = metrics.drain();
    const counted = Object.fromEntries(drained.counters.filter((c) => c.m === 'tracked_events').map((c) => [c.l.variant, c.v]));
    assert.deepEqual(counted, expected);
    assert.ok((expected.treatment ?? 0) > 50 && (expected.control ?? 0) > 150, JSON.stringify(expected));
    const values = drained.distributions.filter((d) => d.m === 'tracked_event_values');
    assert.deepEqual(values.map((d) => [d.l.variant, d.count, d.sum]).sort(), Object.entries(expected).map(([v, n]) => [v, n, n * 120]).sort());
    assert.ok(drained.counters.filter((c) => c.m === 'tracked_events').every((c) => c.l.flag === 'checkout'), 'flags without a running plan are not counted');
  });

  it('attributes events sent through the OpenFeature SDK\'s client.track(name, context, { value })', async () => {
    const provider = new SwitchyardProvider(server.url, SDK_KEY);
    await OpenFeature.setProviderAndWait('releases', provider);
    const client = OpenFeature.getClient('releases');
    metrics.drain();
    const expected: Record<string, number> = {};
    for (let u = 0; u < 40; u++) {
      const context = { targetingKey: `sdk-user-${u}` };
      const details = await client.getBooleanDetails('checkout', false, context);
      expected[details.variant!] = (expected[details.variant!] ?? 0) + 1;
      client.track('latency', context, { value: 80 });
    }
    await provider.flush();
    await OpenFeature.close();
    const counted = Object.fromEntries(metrics.drain().counters.filter((c) => c.m === 'tracked_events').map((c) => [c.l.variant, c.v]));
    assert.deepEqual(counted, expected);
  });

  it('leaves out users another rule serves: they are not in the plan\'s comparison', async () => {
    metrics.drain();
    const answer = await call('/v1/track', { event: 'error', context: { targetingKey: 'u1', staff: true } });
    assert.equal(((await answer.json()) as { attributed?: unknown }).attributed, undefined);
    assert.equal(metrics.drain().counters.filter((c) => c.m === 'tracked_events').length, 0);
  });

  it('serves the user as evaluate would, behavioural counts included, before counting the event itself', async () => {
    running = new Map([['loyal', 'ramp']]);
    metrics.drain();
    // Users with a purchase in the last 7 days are served by the rule before the split: not in the comparison.
    assert.equal((await call('/v1/track', { targetingKey: 'buyer', event: 'purchase' })).status, 202);
    const buyer = await call('/v1/track', { event: 'error', context: { targetingKey: 'buyer' } });
    assert.equal(((await buyer.json()) as { attributed?: unknown }).attributed, undefined);
    // A first purchase is attributed as the user was served before it counted.
    const first = await call('/v1/track', { event: 'purchase', context: { targetingKey: 'newcomer' } });
    assert.equal(((await first.json()) as { attributed?: { flag: string }[] }).attributed?.[0]?.flag, 'loyal');
    running = new Map([['checkout', 'ramp']]);
  });

  it('still takes the older { targetingKey, event, count } form, and refuses an event without a key or a value counted many times', async () => {
    running = new Map();
    assert.equal((await call('/v1/track', { targetingKey: 'u1', event: 'click', count: 3 })).status, 202);
    const keyless = await call('/v1/track', { event: 'click', context: {} });
    assert.equal(keyless.status, 400);
    assert.equal(((await keyless.json()) as { errors: { path: string }[] }).errors[0]?.path, '/context/targetingKey');
    assert.equal((await call('/v1/track', { targetingKey: 'u1', event: 'click', count: 2, value: 5 })).status, 400);
  });
});
