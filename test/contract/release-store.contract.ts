// The release store's contract, run against the embedded store and Firestore's emulator: plans
// and schedules with their own versions, what the minute run sees as active, and its one commit
// per environment (flag steps as ordinary versioned writes, all or nothing per item, none twice).

import assert from 'node:assert/strict';
import type { ReleaseStore } from '../../shared/releases/release-store.ts';
import { newPlan } from '../../shared/releases/plan-lifecycle.ts';
import type { PlanRecord } from '../../shared/releases/plan-record.ts';
import { PlanInputSchema } from '../../shared/releases/plan-schema.ts';
import { withWeights } from '../../shared/releases/weights.ts';
import type { ScheduleRecord } from '../../shared/schedules/schedule-schema.ts';
import type { Flag } from '../../shared/rules/index.ts';
import { FlagSchema } from '../../shared/rules/schema.ts';
import type { AdminStores } from '../../shared/store/ports.ts';
import { ENV, expectOk, testClock, type TestClock } from './harness.ts';

export type ReleaseHarness = { readonly releases: ReleaseStore; readonly stores: AdminStores; readonly clock: TestClock };
export type MakeReleaseHarness = (clock: TestClock) => Promise<ReleaseHarness>;

const flagDoc = (key: string): Flag => FlagSchema.parse({ key, enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control', rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } }] });

const steps = [{ weights: { treatment: 10, control: 90 } }, { weights: { treatment: 100, control: 0 } }];

function planFor(id: string, flag: string, flagVersion: number, now: number): PlanRecord {
  const made = newPlan(PlanInputSchema.parse({ ruleId: 'ramp', control: 'control', treatment: 'treatment', steps }), { id, environment: ENV, flag: flagDoc(flag), flagVersion, actor: 'alice', now });
  if (!made.ok) throw new Error(made.message);
  return made.plan;
}

function scheduleFor(id: string, flag: string, dueAt: number, now: number): ScheduleRecord {
  return { id, environment: ENV, flag, at: new Date(dueAt).toISOString(), dueAt, change: { enabled: false }, flagVersion: 1, status: 'pending', version: 1, createdAt: new Date(now).toISOString(), createdBy: 'alice', updatedAt: new Date(now).toISOString() };
}

export function describeReleaseStore(name: string, make: MakeReleaseHarness): void {
  describe(`release store contract: ${name}`, () => {
    let h: ReleaseHarness;
    beforeEach(async () => {
      h = await make(testClock());
      expectOk(await h.stores.environments.create({ key: ENV }, { actor: 'setup' }));
      for (const key of ['checkout', 'search']) expectOk(await h.stores.documents.flags.put(ENV, flagDoc(key), { ifMatch: 0, actor: 'setup' }));
    });

    it('creates a plan at version 1 and reads it back', async () => {
      const created = expectOk(await h.releases.createPlan(planFor('p1', 'checkout', 1, h.clock.now())));
      assert.equal(created.record.version, 1);
      assert.deepEqual(await h.releases.plan(ENV, 'p1'), created.record);
    });

    it('refuses a second plan with the same id, and a plan in an unknown environment', async () => {
      expectOk(await h.releases.createPlan(planFor('p1', 'checkout', 1, h.clock.now())));
      assert.equal((await h.releases.createPlan(planFor('p1', 'checkout', 1, h.clock.now()))).ok, false);
      assert.deepEqual(await h.releases.createPlan({ ...planFor('p2', 'checkout', 1, h.clock.now()), environment: 'nowhere' }), { ok: false, reason: 'not_found' });
    });

    it('saves a plan read at its version, and refuses a stale one', async () => {
      const created = expectOk(await h.releases.createPlan(planFor('p1', 'checkout', 1, h.clock.now())));
      const saved = expectOk(await h.releases.savePlan({ ...created.record, status: 'paused' }));
      assert.equal(saved.record.version, 2);
      assert.deepEqual(await h.releases.savePlan({ ...created.record, status: 'aborted' }), { ok: false, reason: 'conflict', currentVersion: 2 });
      assert.equal((await h.releases.plan(ENV, 'p1'))?.status, 'paused');
    });

    it('lists a flag\'s plans newest first, and its schedules soonest first', async () => {
      expectOk(await h.releases.createPlan(planFor('old', 'checkout', 1, h.clock.now())));
      expectOk(await h.releases.createPlan(planFor('new', 'checkout', 1, h.clock.now() + 1000)));
      expectOk(await h.releases.createPlan(planFor('other', 'search', 1, h.clock.now())));
      assert.deepEqual((await h.releases.plans(ENV, 'checkout')).map((p) => p.id), ['new', 'old']);
      expectOk(await h.releases.createSchedule(scheduleFor('late', 'checkout', h.clock.now() + 7200_000, h.clock.now())));
      expectOk(await h.releases.createSchedule(scheduleFor('soon', 'checkout', h.clock.now() + 60_000, h.clock.now())));
      assert.deepEqual((await h.releases.schedules(ENV, 'checkout')).map((s) => s.id), ['soon', 'late']);
    });

    it('finds running plans and due pending schedules of every environment', async () => {
      const running = expectOk(await h.releases.createPlan(planFor('run', 'checkout', 1, h.clock.now())));
      const paused = expectOk(await h.releases.createPlan(planFor('rest', 'search', 1, h.clock.now())));
      expectOk(await h.releases.savePlan({ ...paused.record, status: 'paused' }));
      expectOk(await h.releases.createSchedule(scheduleFor('due', 'checkout', h.clock.now() - 1, h.clock.now())));
      expectOk(await h.releases.createSchedule(scheduleFor('later', 'checkout', h.clock.now() + 60_000, h.clock.now())));
      const active = await h.releases.active(h.clock.now());
      assert.deepEqual(active.plans.map((p) => p.id), [running.record.id]);
      assert.deepEqual([...(await h.releases.running(ENV))], [['checkout', 'ramp']]);
      assert.deepEqual(active.schedules.map((s) => s.id), ['due']);
    });

    it('commits a flag step as an ordinary versioned write by the release, with the plan, in one go', async () => {
      const plan = expectOk(await h.releases.createPlan(planFor('p1', 'checkout', 1, h.clock.now()))).record;
      const before = await h.stores.flags.version(ENV);
      const write = { key: 'checkout', ifMatch: 1, document: withWeights(flagDoc('checkout'), 'ramp', { treatment: 10, control: 90 })!, actor: 'release:p1', comment: 'release p1 start: evidence' };
      const [result] = await h.releases.commit(ENV, [{ kind: 'plan', record: { ...plan, step: 0, flagVersion: 2 }, write }]);
      assert.deepEqual(result, { ok: true, flagVersion: 2 });
      const entry = await h.stores.documents.flags.atVersion(ENV, 'checkout', 2);
      assert.equal(entry?.actor, 'release:p1');
      assert.equal(entry?.comment, 'release p1 start: evidence');
      assert.equal(await h.stores.flags.version(ENV), before! + 1);
      const stored = await h.releases.plan(ENV, 'p1');
      assert.equal(stored?.version, 2);
      assert.equal(stored?.step, 0);
    });

    it('writes nothing of an item whose flag moved, and the other items still', async () => {
      const a = expectOk(await h.releases.createPlan(planFor('a', 'checkout', 1, h.clock.now()))).record;
      const b = expectOk(await h.releases.createPlan(planFor('b', 'search', 1, h.clock.now()))).record;
      expectOk(await h.stores.documents.flags.put(ENV, { ...flagDoc('checkout'), enabled: false }, { ifMatch: 1, actor: 'bob' }));
      const step = (key: string) => ({ key, ifMatch: 1, document: withWeights(flagDoc(key), 'ramp', { treatment: 10, control: 90 })!, actor: 'release:x', comment: 'step' });
      const results = await h.releases.commit(ENV, [{ kind: 'plan', record: { ...a, step: 0 }, write: step('checkout') }, { kind: 'plan', record: { ...b, step: 0 }, write: step('search') }]);
      assert.deepEqual(results, [{ ok: false, reason: 'conflict', on: 'flag' }, { ok: true, flagVersion: 2 }]);
      assert.equal((await h.releases.plan(ENV, 'a'))?.version, 1);
      const checkout = await h.stores.documents.flags.get(ENV, 'checkout');
      assert.ok(checkout.ok && checkout.version === 2 && checkout.document.enabled === false);
    });

    it('never applies an item twice: committing the same item again is a conflict and writes nothing', async () => {
      const plan = expectOk(await h.releases.createPlan(planFor('p1', 'checkout', 1, h.clock.now()))).record;
      const item = { kind: 'plan' as const, record: { ...plan, step: 0, flagVersion: 2 }, write: { key: 'checkout', ifMatch: 1, document: withWeights(flagDoc('checkout'), 'ramp', { treatment: 10, control: 90 })!, actor: 'release:p1', comment: 'step' } };
      expectOk((await h.releases.commit(ENV, [item]))[0]!);
      const again = await h.releases.commit(ENV, [item]);
      assert.equal(again[0]!.ok, false);
      const history = await h.stores.documents.flags.history(ENV, 'checkout');
      assert.ok(history.ok);
      assert.deepEqual(history.entries.map((e) => e.version), [2, 1]);
    });

    it('moves the environment\'s version once per flag written, for many plans in one commit', async () => {
      const keys = Array.from({ length: 12 }, (_, i) => `flag-${i}`);
      for (const key of keys) expectOk(await h.stores.documents.flags.put(ENV, flagDoc(key), { ifMatch: 0, actor: 'setup' }));
      const plans = [];
      for (const key of keys) plans.push(expectOk(await h.releases.createPlan(planFor(`p-${key}`, key, 1, h.clock.now()))).record);
      const before = (await h.stores.flags.version(ENV))!;
      const results = await h.releases.commit(ENV, plans.map((p) => ({ kind: 'plan' as const, record: { ...p, step: 0, flagVersion: 2 }, write: { key: p.flag, ifMatch: 1, document: withWeights(flagDoc(p.flag), 'ramp', { treatment: 10, control: 90 })!, actor: `release:${p.id}`, comment: 'step' } })));
      assert.ok(results.every((r) => r.ok));
      assert.equal(await h.stores.flags.version(ENV), before + keys.length);
    });

    it('stores a schedule\'s outcome with its version', async () => {
      const created = expectOk(await h.releases.createSchedule(scheduleFor('s1', 'checkout', h.clock.now(), h.clock.now()))).record;
      const [result] = await h.releases.commit(ENV, [{ kind: 'schedule', record: { ...created, status: 'refused', reason: 'the flag moved' } }]);
      assert.deepEqual(result, { ok: true });
      const stored = await h.releases.schedule(ENV, 's1');
      assert.equal(stored?.status, 'refused');
      assert.equal(stored?.version, 2);
    });
  });
}
