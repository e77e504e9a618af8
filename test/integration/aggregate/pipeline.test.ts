// End to end on the emulators (issue 5): evaluations on two instances -> Pub/Sub -> aggregate ->
// the gRPC Monitoring fake (through the real MetricServiceClient) and Firestore rollups; then
// runs killed mid-batch, re-run, with nothing lost and nothing counted twice.

import assert from 'node:assert/strict';
import { resetFirestore } from '../../helpers/services.ts';
import type { MonitoringFake } from '../../helpers/monitoring-grpc-fake.ts';
import { evaluateOn, startPipeline, type Pipeline } from './pipeline.ts';

type Tally = Map<string, number>;
const add = (tally: Tally, key: string, n = 1) => tally.set(key, (tally.get(key) ?? 0) + n);

/** Evaluations per flag/variant the fake received, summed over every minute and request. */
function monitored(fake: MonitoringFake): Tally {
  const tally: Tally = new Map();
  for (const request of fake.requests) {
    for (const s of request.timeSeries) {
      if (s.metric.type !== 'custom.googleapis.com/switchyard/evaluations') continue;
      add(tally, `${s.metric.labels.flag}/${s.metric.labels.variant}`, Number(s.points[0]!.value.int64Value));
    }
  }
  return tally;
}

async function rolledUp(pipeline: Pipeline, flags: readonly string[], from: number): Promise<Tally> {
  const tally: Tally = new Map();
  for (const flag of flags) {
    for (const minute of await pipeline.rollups.flagMinutes('test', flag, from - 120_000, Date.now() + 120_000)) {
      for (const [variant, n] of Object.entries(minute.variants)) add(tally, `${flag}/${variant}`, n);
    }
  }
  return tally;
}

const sorted = (tally: Tally) => [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));

/** Evaluations spread over the instances; answers what was served. */
async function evaluateMany(pipeline: Pipeline, users: number): Promise<Tally> {
  const served: Tally = new Map();
  for (let u = 0; u < users; u++) {
    const instance = pipeline.instances[u % pipeline.instances.length]!;
    add(served, `split-flag/${await evaluateOn(instance, 'split-flag', { targetingKey: `user-${u}` })}`);
    add(served, `bool-flag/${await evaluateOn(instance, 'bool-flag', { targetingKey: `user-${u}`, plan: u % 3 === 0 ? 'pro' : 'free' })}`);
  }
  for (const instance of pipeline.instances) await instance.publisher.flush();
  return served;
}

const run = (pipeline: Pipeline) => fetch(`${pipeline.aggregate.url}/run`, { method: 'POST' });

describe('metrics pipeline: evaluate -> Pub/Sub -> aggregate -> Monitoring and Firestore (emulators)', function () {
  this.timeout(120_000);
  let pipeline: Pipeline;
  beforeEach(async () => {
    await resetFirestore();
    pipeline = await startPipeline({ instances: 2 });
  });
  afterEach(async () => {
    await pipeline.close();
  });

  it('writes exactly the evaluations two instances served, to Monitoring and to the rollups', async () => {
    const started = Date.now();
    const served = await evaluateMany(pipeline, 40);
    const response = await run(pipeline);
    const report = (await response.json()) as { outcome: string; messages: { merged: number } };
    assert.equal(response.status, 200, JSON.stringify(report));
    assert.equal(report.messages.merged, 2, 'one message from each instance');

    assert.deepEqual(sorted(monitored(pipeline.monitoring)), sorted(served));
    assert.deepEqual(sorted(await rolledUp(pipeline, ['split-flag', 'bool-flag'], started)), sorted(served));
    const all = pipeline.monitoring.requests.flatMap((r) => r.timeSeries);
    assert.ok(all.some((s) => s.metric.type.endsWith('/exposures') && s.metric.labels.experiment === 'exp-1'));
    assert.ok(all.some((s) => s.metric.type.endsWith('/srm_p_value')), 'the SRM gauge is written');
    const latency = all.filter((s) => s.metric.type.endsWith('/evaluation_latency'));
    assert.equal(latency.length, 1, 'both instances\' latencies merge into one distribution');
    assert.equal(latency[0]!.valueType, 'DISTRIBUTION');
    assert.equal(Number((latency[0]!.points[0]!.value.distributionValue as { count: string }).count), 80);
    assert.ok(pipeline.monitoring.requests.every((r) => r.name === `projects/${process.env.GCLOUD_PROJECT || 'demo-switchyard'}` && r.timeSeries.length <= 200));
    const again = (await (await run(pipeline)).json()) as { messages: { merged: number; duplicate: number } };
    assert.deepEqual(again.messages, { merged: 0, duplicate: 0, invalid: 0 }, 'the subscription is empty');
  });

  it('loses and doubles nothing when runs die after the rollups and before the acknowledgement', async () => {
    const started = Date.now();
    const served = await evaluateMany(pipeline, 30);

    // 1: Monitoring refuses the write after the rollups were committed.
    pipeline.monitoring.failNext(1);
    const first = await run(pipeline);
    const problem = (await first.json()) as { code: string; report: { outcome: string } };
    assert.equal(first.status, 503);
    assert.equal(first.headers.get('content-type'), 'application/problem+json');
    assert.equal(problem.code, 'UNAVAILABLE');
    assert.equal(pipeline.monitoring.requests.length, 0);

    // 2: the outbox reaches Monitoring, the redelivered batch is recognised, then the run dies before acknowledging.
    pipeline.failAck();
    const second = await run(pipeline);
    const secondBody = (await second.json()) as { report: { replayed: number; messages: { merged: number; duplicate: number } } };
    assert.equal(second.status, 503);
    assert.ok(secondBody.report.replayed >= 1);
    assert.deepEqual(sorted(monitored(pipeline.monitoring)), sorted(served));

    // 3: a clean run acknowledges the redelivered messages without counting them again.
    const third = await run(pipeline);
    const thirdBody = (await third.json()) as { messages: { merged: number; duplicate: number } };
    assert.equal(third.status, 200);
    assert.equal(thirdBody.messages.merged, 0);
    assert.equal(thirdBody.messages.duplicate, 2);
    assert.deepEqual(sorted(monitored(pipeline.monitoring)), sorted(served));
    assert.deepEqual(sorted(await rolledUp(pipeline, ['split-flag', 'bool-flag'], started)), sorted(served));
  });
});
