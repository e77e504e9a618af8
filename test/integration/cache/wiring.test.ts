// The production adapters chosen by the composition roots from the runtime configuration: Firestore
// (the emulator) and Upstash Redis (redis-server behind the REST proxy), with real processes
// stopped mid-run to show what evaluation and the admin API do when a dependency goes away.

import assert from 'node:assert/strict';
import { Redis } from '@upstash/redis';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { evaluateBackends } from '../../../shared/wiring/backends.ts';
import { startInstance, type Instance } from '../../../shared/wiring/instance.ts';
import { adminDeps } from '../../../functions/admin/deps.ts';
import { evaluateDeps } from '../../../functions/evaluate/deps.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { startFirestore, type RunningFirestore } from '../../../scripts/services/firestore.ts';
import { startRedis, type RunningRedis } from '../../../scripts/services/redis.ts';
import { startUpstashProxy, type RunningUpstashProxy } from '../../../scripts/services/upstash.ts';
import { startCountingForwarder } from '../../helpers/counting-forwarder.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { firestoreEmulator, resetFirestore, upstash } from '../../helpers/services.ts';

const meta = { actor: 'wiring test' };
const onOff = { variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };

type Product = { config: ReturnType<typeof readRuntimeConfig>; instance: Instance; evaluate: RunningFunction; admin: RunningFunction; sdkKey: string; adminKey: string; env: string; close: () => Promise<void> };

/** Evaluate and admin built by their roots from `env` over one instance, with one environment and a key of each kind in the store. */
async function startProduct(vars: Record<string, string>, env: string): Promise<Product> {
  const config = readRuntimeConfig({ SWITCHYARD_STAGE: 'test', GOOGLE_CLOUD_PROJECT: firestoreEmulator().projectId, SWITCHYARD_STORE: 'firestore', SWITCHYARD_SNAPSHOT_CHECK_SECONDS: '0.05', ...vars });
  const instance = startInstance(config, 'wiring-test');
  const { stores } = instance.backends;
  const created = await stores.environments.create({ key: env }, meta);
  assert.ok(created.ok);
  const sdk = await stores.apiKeys.create({ kind: 'sdk', environment: env, name: 'sdk' }, meta);
  const admin = await stores.apiKeys.create({ kind: 'admin', role: 'admin', name: 'admin' }, meta);
  assert.ok(sdk.ok && admin.ok);
  const evaluate = await serveFunction('evaluate', createEvaluateFunction(evaluateDeps(config, instance)));
  const adminFn = await serveFunction('admin', createAdminFunction(adminDeps(config, instance)));
  return { config, instance, evaluate, admin: adminFn, sdkKey: sdk.secret, adminKey: admin.secret, env, close: async () => void (await Promise.all([evaluate.close(), adminFn.close()])) };
}

/**
 * A Firestore emulator of the suite's own, for tests that stop or pause it; Google's client finds
 * it through the environment, as in production.
 */
function ownFirestore(): () => RunningFirestore {
  let firestore: RunningFirestore | undefined;
  let shared: string | undefined;
  before(async () => {
    firestore = await startFirestore();
    shared = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  });
  after(async () => {
    process.env.FIRESTORE_EMULATOR_HOST = shared;
    await firestore?.stop();
  });
  return () => firestore!;
}

function putFlag(p: Product, flag: Record<string, unknown>, ifMatch: number): Promise<Response> {
  return fetch(`${p.admin.url}/v1/environments/${p.env}/flags/${flag.key}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${p.adminKey}`, 'content-type': 'application/json', 'if-match': String(ifMatch) },
    body: JSON.stringify({ flag }),
  });
}

async function evaluateFlag(p: Product, key: string, context: Record<string, unknown> = { targetingKey: 'u1' }): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${p.evaluate.url}/ofrep/v1/evaluate/flags/${key}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.sdkKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ context }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};

const redisVars = () => ({ UPSTASH_REDIS_REST_URL: upstash().url, UPSTASH_REDIS_REST_TOKEN: upstash().token });
const unique = (name: string) => `${name}-${Date.now().toString(36)}`;

describe('wiring: Firestore and Upstash Redis', function () {
  this.timeout(60_000);

  it('evaluates a flag written through the admin API, both built from SWITCHYARD_STORE=firestore', async () => {
    await resetFirestore();
    const p = await startProduct({}, unique('wired'));
    try {
      assert.equal((await putFlag(p, { key: 'greeting', enabled: true, ...onOff, rules: [{ id: 'pro', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] }, 0)).status, 201);
      const pro = await evaluateFlag(p, 'greeting', { targetingKey: 'u1', plan: 'pro' });
      assert.equal(pro.status, 200);
      assert.equal(pro.body.value, true);
      assert.equal(pro.body.reason, 'TARGETING_MATCH');
      assert.equal((await evaluateFlag(p, 'greeting', { targetingKey: 'u1', plan: 'free' })).body.value, false);
    } finally {
      await p.close();
    }
  });

  it('publishes every accepted write to Redis, and instances pick it up from there', async () => {
    const p = await startProduct(redisVars(), unique('published'));
    try {
      assert.equal((await putFlag(p, { key: 'f', enabled: true, ...onOff }, 0)).status, 201);
      assert.equal((await evaluateFlag(p, 'f')).body.value, false);
      const redis = new Redis({ ...upstash(), enableTelemetry: false });
      const version = Number(await redis.get(`sy:snap:v:${p.env}`));
      assert.ok(version >= 2, `Redis holds the environment's version (${version})`);
      assert.equal((await putFlag(p, { key: 'f', enabled: true, ...onOff, defaultVariant: 'on' }, 1)).status, 200);
      assert.equal(Number(await redis.get(`sy:snap:v:${p.env}`)), version + 1);
      await until(async () => (await evaluateFlag(p, 'f')).body.value === true);
    } finally {
      await p.close();
    }
  });

  describe('with Redis stopped mid-run', () => {
    let redis: RunningRedis;
    let proxy: RunningUpstashProxy;
    before(async () => {
      redis = await startRedis();
      proxy = await startUpstashProxy(redis.url, 'outage-token');
    });
    after(async () => {
      await proxy?.stop();
      await redis?.stop();
    });

    it('keeps answering 200 with unchanged results, stops calling Redis once the breaker opens, and still sees writes through Firestore', async () => {
      const counted = await startCountingForwarder(proxy.url);
      const p = await startProduct({ UPSTASH_REDIS_REST_URL: counted.url, UPSTASH_REDIS_REST_TOKEN: proxy.token }, unique('redis-down'));
      try {
        assert.equal((await putFlag(p, { key: 'f', enabled: true, ...onOff, rules: [{ id: 'half', serve: { rollout: { salt: 'f', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }] }, 0)).status, 201);
        const users = Array.from({ length: 20 }, (_, i) => `user-${i}`);
        const answers = async () => Promise.all(users.map(async (u) => evaluateFlag(p, 'f', { targetingKey: u })));
        const before = await answers();
        assert.ok(before.every((a) => a.status === 200));
        await redis.stop();
        // Rounds go on until ten in a row reach Redis no more: the breaker opened and refuses
        // calls at once (its first probe is 5 s away), while every answer stays what it was.
        let quietRounds = 0;
        const deadline = Date.now() + 10_000;
        while (quietRounds < 10) {
          assert.ok(Date.now() < deadline, `calls still reached Redis after 10 s (${counted.requests()} in all)`);
          const seen = counted.requests();
          const during = await answers();
          assert.deepEqual(during.map((a) => a.status), before.map(() => 200));
          assert.deepEqual(during.map((a) => a.body.variant), before.map((a) => a.body.variant));
          quietRounds = counted.requests() === seen ? quietRounds + 1 : 0;
        }
        assert.equal((await putFlag(p, { key: 'f', enabled: false, ...onOff }, 1)).status, 200, 'writes are acknowledged without Redis');
        await until(async () => (await evaluateFlag(p, 'f', { targetingKey: 'user-1' })).body.reason === 'DISABLED');
      } finally {
        await p.close();
        await counted.close();
      }
    });
  });

  describe('with Firestore stopped mid-run', () => {
    const firestore = ownFirestore();

    it('keeps serving the held snapshot (STALE past the limit without Redis), cold-starts from Redis, and answers admin writes 503', async () => {
      const p = await startProduct({ ...redisVars(), SWITCHYARD_MAX_STALENESS_MS: '500', SWITCHYARD_STORE_DEADLINE_MS: '1500' }, unique('fs-down'));
      // The same product without Redis: nothing can confirm its snapshot once Firestore is gone.
      const alone = await startProduct({ SWITCHYARD_MAX_STALENESS_MS: '500' }, unique('fs-down-alone'));
      try {
        for (const product of [p, alone]) {
          assert.equal((await putFlag(product, { key: 'f', enabled: true, ...onOff, defaultVariant: 'on' }, 0)).status, 201);
          assert.deepEqual([(await evaluateFlag(product, 'f')).body.value, (await evaluateFlag(product, 'f')).body.reason], [true, 'STATIC']);
        }
        await firestore().stop();
        const stoppedAt = Date.now();
        while (Date.now() - stoppedAt < 1000) {
          const answer = await evaluateFlag(p, 'f');
          assert.equal(answer.status, 200);
          assert.equal(answer.body.value, true);
          assert.equal(answer.body.variant, 'on');
        }
        // Redis still confirms the version: nothing can have changed without Firestore, so not stale.
        assert.equal((await evaluateFlag(p, 'f')).body.reason, 'STATIC');
        const unconfirmed = await evaluateFlag(alone, 'f');
        assert.deepEqual([unconfirmed.status, unconfirmed.body.value, unconfirmed.body.variant, unconfirmed.body.reason], [200, true, 'on', 'STALE']);
        // A cold instance (a new cache and tiered store) loads the snapshot from Redis alone (STALE
        // once Redis's trusted version has expired: nothing can confirm it).
        const cold = await createSnapshotCache(evaluateBackends(p.instance.backends, p.config, p.instance.telemetry.of('backends').logger).flags, { maxStalenessMs: 1000 }).get(p.env);
        assert.equal(cold?.flags.get('f')?.doc.defaultVariant, 'on');
        // A cold evaluate function (empty key and snapshot caches) verifies the SDK key from Redis's mirror.
        const coldFunction = await serveFunction('evaluate', createEvaluateFunction(evaluateDeps(p.config, p.instance)));
        try {
          const answer = await evaluateFlag({ ...p, evaluate: coldFunction }, 'f');
          assert.deepEqual([answer.status, answer.body.value, answer.body.variant], [200, true, 'on']);
          // A key neither Firestore nor the mirror can vouch for: unavailable, not "unknown key".
          const unknown = await fetch(`${coldFunction.url}/ofrep/v1/evaluate/flags/f`, { method: 'POST', headers: { authorization: 'Bearer sy_sdk_never_issued_0000000000', 'content-type': 'application/json' }, body: '{"context":{"targetingKey":"u"}}' });
          assert.equal(unknown.status, 503);
        } finally {
          await coldFunction.close();
        }
        // The admin API answers within its store deadline, not after the client's minute of retries.
        const started = Date.now();
        const write = await putFlag(p, { key: 'f', enabled: false, ...onOff }, 1);
        assert.equal(write.status, 503);
        assert.equal(((await write.json()) as { code: string }).code, 'UNAVAILABLE');
        console.log(`      admin write answered 503 after ${Date.now() - started} ms (deadline 1500 ms)`);
      } finally {
        await alone.close();
        await p.close();
      }
    });
  });

  describe('with Firestore unresponsive mid-run, then back', () => {
    const firestore = ownFirestore();

    // The emulator keeps its data in memory, so killing it would lose everything whatever we did;
    // pausing its processes is the outage that matters: a service that stops answering, then
    // comes back with its data, as Firestore does.
    it('loses no acknowledged write: every 2xx answered during the outage is in the store and its history afterwards', async () => {
      const p = await startProduct({ SWITCHYARD_STORE_DEADLINE_MS: '1500' }, unique('fs-pause'));
      // One environment per writer: the writes of one environment serialize on its version
      // document by design, and this test is about the outage, not about contention.
      const writers = 4;
      const environments = Array.from({ length: writers }, (_, w) => `${p.env}-w${w}`);
      const { stores } = p.instance.backends;
      for (const key of environments) assert.ok((await stores.environments.create({ key }, meta)).ok);
      const acknowledged: { environment: string; version: number; round: number }[] = [];
      const refused: number[] = [];
      let running = true;
      const writer = async (environment: string) => {
        let version = 0;
        for (let round = 0; running; round++) {
          const answer = await putFlag({ ...p, env: environment }, { key: 'f', enabled: true, ...onOff, description: `round ${round}` }, version);
          if (answer.status === 200 || answer.status === 201) {
            version = ((await answer.json()) as { version: number }).version;
            acknowledged.push({ environment, version, round });
          } else if (answer.status === 412) {
            // A write answered 503 that landed after all: take the version the store holds and go on.
            version = ((await answer.json()) as { currentVersion: number }).currentVersion;
          } else {
            refused.push(answer.status);
            await answer.body?.cancel();
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      };
      try {
        const writing = Promise.all(environments.map((environment) => writer(environment)));
        await until(() => acknowledged.length >= writers, 10_000);
        const before = acknowledged.length;
        process.kill(-firestore().pid, 'SIGSTOP');
        await new Promise((r) => setTimeout(r, 3000));
        process.kill(-firestore().pid, 'SIGCONT');
        await until(() => acknowledged.length >= before + 2 * writers, 30_000);
        running = false;
        await writing;
        assert.ok(refused.length > 0 && refused.every((status) => status === 503), `writes during the outage answered 503 (${[...new Set(refused)].join(', ')})`);
        for (const environment of environments) {
          const mine = acknowledged.filter((a) => a.environment === environment);
          const headers = { authorization: `Bearer ${p.adminKey}` };
          const stored = (await (await fetch(`${p.admin.url}/v1/environments/${environment}/flags/f`, { headers })).json()) as { version: number };
          assert.ok(stored.version >= mine.at(-1)!.version, `${environment}: the store holds version ${stored.version}, acknowledged ${mine.at(-1)!.version}`);
          const history = (await (await fetch(`${p.admin.url}/v1/environments/${environment}/flags/f/versions?limit=500`, { headers })).json()) as { versions: { version: number; document: { description?: string } }[] };
          for (const ack of mine) {
            const entry = history.versions.find((v) => v.version === ack.version);
            assert.equal(entry?.document.description, `round ${ack.round}`, `${environment} version ${ack.version} is in the history as acknowledged`);
          }
        }
        console.log(`      ${acknowledged.length} writes acknowledged, ${refused.length} answered 503 while Firestore was paused`);
      } finally {
        process.kill(-firestore().pid, 'SIGCONT'); // whatever failed, the emulator is not left paused
        running = false;
        await p.close();
      }
    });
  });
});
