// Release plans and scheduled changes through the admin API (issue 17): created by editors (201),
// read by every role, steered with If-Match, refused with problems at the body's paths.

import assert from 'node:assert/strict';
import { createMemoryReleaseStore } from '../../../shared/releases/memory-release-store.ts';
import type { ReleaseStore } from '../../../shared/releases/release-store.ts';
import { ENV, flagPath, NOW, serveAdmin, type AdminServer } from './fixture.ts';

const ramp = { key: 'ramp-flag', enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control', rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } }] };
const planBody = { ruleId: 'ramp', control: 'control', treatment: 'treatment', steps: [1, 5, 25, 50, 100].map((t) => ({ weights: { treatment: t, control: 100 - t }, minHoldMinutes: 10, minSample: 100 })), guards: [{ id: 'errors', kind: 'rate', event: 'error', tolerance: 0.1 }] };

type Problem = { status: number; code: string; errors: { path: string }[] };

describe('admin: release plans and scheduled changes', () => {
  let admin: AdminServer;
  let releases: ReleaseStore;
  before(async () => {
    // The release store writes through the admin server's own store (it replaces it on reset).
    releases = createMemoryReleaseStore({ flags: { put: (...a) => admin.store.documents.flags.put(...a) }, environmentExists: async (e) => (await admin.store.flags.version(e)) !== undefined });
    admin = await serveAdmin(() => NOW, { releases });
    assert.equal((await admin.call('PUT', flagPath('ramp-flag'), { body: { flag: ramp }, ifMatch: 0 })).status, 201);
  });
  after(() => admin.close());
  const releasesPath = `${flagPath('ramp-flag')}/releases`;
  const schedulesPath = `${flagPath('ramp-flag')}/schedules`;

  it('creates a plan (201) at the flag\'s version, running, before its first step', async () => {
    const answer = await admin.call('POST', releasesPath, { key: 'editor', body: planBody });
    assert.equal(answer.status, 201);
    const plan = (await answer.json()) as { id: string; status: string; step: number; flagVersion: number; version: number; createdBy: string };
    assert.equal(answer.headers.get('etag'), '"1"');
    assert.equal(answer.headers.get('location'), `${releasesPath}/${plan.id}`);
    assert.deepEqual([plan.status, plan.step, plan.flagVersion, plan.createdBy], ['running', -1, 1, 'editor key']);
    const read = await admin.call('GET', `${releasesPath}/${plan.id}`, { key: 'viewer' });
    assert.equal(read.status, 200);
    assert.deepEqual(((await read.json()) as { decisions: unknown[] }).decisions, []);
  });

  it('refuses a second plan on a flag that has one open (409)', async () => {
    const answer = await admin.call('POST', releasesPath, { body: planBody });
    assert.equal(answer.status, 409);
    assert.equal(((await answer.json()) as Problem).code, 'CONFLICT');
  });

  it('pauses and aborts with If-Match, and tells a stale or missing one', async () => {
    const [plan] = ((await (await admin.call('GET', releasesPath)).json()) as { items: { id: string; version: number }[] }).items;
    assert.equal((await admin.call('POST', `${releasesPath}/${plan!.id}/pause`)).status, 428);
    assert.equal((await admin.call('POST', `${releasesPath}/${plan!.id}/pause`, { ifMatch: plan!.version + 5 })).status, 412);
    const paused = await admin.call('POST', `${releasesPath}/${plan!.id}/pause`, { key: 'editor', ifMatch: plan!.version });
    assert.equal(paused.status, 200);
    assert.equal(((await paused.json()) as { status: string }).status, 'paused');
    assert.equal((await admin.call('POST', `${releasesPath}/${plan!.id}/abort`, { key: 'viewer', ifMatch: plan!.version + 1 })).status, 403);
    const aborted = await admin.call('POST', `${releasesPath}/${plan!.id}/abort`, { ifMatch: plan!.version + 1 });
    assert.deepEqual(((await aborted.json()) as { decisions: { action: string; actor: string }[] }).decisions.map((d) => [d.action, d.actor]), [['pause', 'editor key'], ['abort', 'admin key']]);
    const resumed = await admin.call('POST', `${releasesPath}/${plan!.id}/resume`, { ifMatch: plan!.version + 2 });
    assert.equal(resumed.status, 409);
  });

  it('refuses a plan that does not fit the flag, at the body\'s path', async () => {
    const wrongRule = await admin.call('POST', releasesPath, { body: { ...planBody, ruleId: 'nope' } });
    assert.equal(wrongRule.status, 422);
    assert.equal(((await wrongRule.json()) as Problem).errors[0]?.path, '/ruleId');
    const badWeights = await admin.call('POST', releasesPath, { body: { ...planBody, steps: [{ weights: { treatment: 60, control: 60 } }] } });
    assert.equal(badWeights.status, 400);
    assert.equal(((await badWeights.json()) as Problem).errors[0]?.path, '/steps/0/weights');
    const badGuard = await admin.call('POST', releasesPath, { body: { ...planBody, guards: [{ id: 'm', kind: 'monitoring', threshold: 1 }] } });
    assert.equal(badGuard.status, 400);
    assert.equal(((await badGuard.json()) as Problem).errors[0]?.path, '/guards/0/filter');
    assert.equal((await admin.call('POST', `${flagPath('no-such-flag')}/releases`, { body: planBody })).status, 404);
  });

  it('schedules a change (201) on the flag\'s current version, lists it and cancels it with If-Match', async () => {
    const answer = await admin.call('POST', schedulesPath, { key: 'editor', body: { at: new Date(NOW + 3600_000).toISOString(), change: { enabled: false }, comment: 'end of campaign' } });
    assert.equal(answer.status, 201);
    const schedule = (await answer.json()) as { id: string; flagVersion: number; status: string; version: number };
    assert.deepEqual([schedule.status, schedule.flagVersion], ['pending', 1]);
    const listed = (await (await admin.call('GET', schedulesPath, { key: 'viewer' })).json()) as { items: { id: string }[] };
    assert.deepEqual(listed.items.map((s) => s.id), [schedule.id]);
    assert.equal((await admin.call('DELETE', `${schedulesPath}/${schedule.id}`, { key: 'editor' })).status, 428);
    const cancelled = await admin.call('DELETE', `${schedulesPath}/${schedule.id}`, { key: 'editor', ifMatch: 1 });
    assert.equal(cancelled.status, 200);
    assert.deepEqual(((await cancelled.json()) as { status: string; reason: string }), { ...(await (await admin.call('GET', `${schedulesPath}/${schedule.id}`)).json() as object), status: 'cancelled', reason: 'cancelled by editor key' });
    assert.equal((await admin.call('DELETE', `${schedulesPath}/${schedule.id}`, { ifMatch: 2 })).status, 409);
  });

  it('refuses a scheduled change that could not apply, at /change', async () => {
    const patch = await admin.call('POST', schedulesPath, { body: { at: new Date(NOW + 60_000).toISOString(), change: { ruleId: 'nope', weights: { on: 1 } } } });
    assert.equal(patch.status, 422);
    assert.equal(((await patch.json()) as Problem).errors[0]?.path, '/change');
    const document = await admin.call('POST', schedulesPath, { body: { at: new Date(NOW + 60_000).toISOString(), change: { ...ramp, defaultVariant: 'missing' } } });
    assert.equal(document.status, 422);
    assert.match(((await document.json()) as Problem).errors[0]?.path ?? '', /^\/change\//);
    const past = await admin.call('POST', schedulesPath, { body: { at: new Date(NOW - 3600_000).toISOString(), change: { enabled: false } } });
    assert.equal(past.status, 400);
    assert.equal(((await past.json()) as Problem).errors[0]?.path, '/at');
  });

  it('is written by editors, never viewers', async () => {
    assert.equal((await admin.call('POST', schedulesPath, { key: 'viewer', body: { at: new Date(NOW + 60_000).toISOString(), change: { enabled: false } } })).status, 403);
    assert.equal((await admin.call('POST', releasesPath, { key: 'viewer', body: planBody })).status, 403);
    assert.equal((await admin.call('GET', `/v1/environments/${ENV}/flags/ramp-flag/releases`, { key: 'sdk' })).status, 403);
  });

  it('lists every state change of the flag\'s plans and schedules in its history, with who made it, newest first', async () => {
    const answer = await admin.call('GET', `${flagPath('ramp-flag')}/versions`, { key: 'viewer' });
    assert.equal(answer.status, 200);
    const history = (await answer.json()) as { versions: unknown[]; events: { kind: string; action: string; actor: string; text: string }[] };
    assert.deepEqual(history.events.map((e) => [e.kind, e.action, e.actor]).reverse(), [
      ['release', 'created', 'editor key'],
      ['release', 'pause', 'editor key'],
      ['release', 'abort', 'admin key'],
      ['schedule', 'scheduled', 'editor key'],
      ['schedule', 'cancelled', 'editor key'],
    ]);
    assert.match(history.events[0]!.text, /cancelled/);
    // A later page of versions is about versions only.
    const older = (await (await admin.call('GET', `${flagPath('ramp-flag')}/versions?before=2`)).json()) as { events?: unknown };
    assert.equal(older.events, undefined);
  });
});
