// Contract of the API key store: secrets shown once and stored as hashes, revocation at once,
// rotation with an overlap window, corrupt records never authenticating.

import assert from 'node:assert/strict';
import { hashKey } from '../../shared/store/api-keys.ts';
import { admin, ENV, expectOk, withEnvironment, type Harness, type MakeHarness } from './harness.ts';

export function describeKeyStore(name: string, make: MakeHarness): void {
  describe(`${name}: API keys`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await withEnvironment(make);
    });
    const keys = () => h.stores.apiKeys;

    it('creates SDK and admin keys, returning the secret once and finding them by hash', async () => {
      const sdk = expectOk(await keys().create({ kind: 'sdk', environment: ENV, name: 'web app' }, admin));
      const adm = expectOk(await keys().create({ kind: 'admin', role: 'editor', name: 'ci' }, admin));
      assert.match(sdk.secret, /^sy_sdk_/);
      assert.deepEqual(await h.stores.keys.findByHash(hashKey(sdk.secret)), { kind: 'sdk', keyId: sdk.key.id, name: 'web app', environment: ENV, access: 'server' }, 'a server key unless made a client key');
      assert.deepEqual(await h.stores.keys.findByHash(hashKey(adm.secret)), { kind: 'admin', keyId: adm.key.id, name: 'ci', role: 'editor' });
      assert.equal(await h.stores.keys.findByHash(hashKey('sy_sdk_unknown')), undefined);
      const listed = await keys().list();
      assert.deepEqual(listed.map((k) => k.id).sort(), [sdk.key.id, adm.key.id].sort());
      const text = JSON.stringify(listed);
      assert.ok(!text.includes(sdk.secret) && !text.includes(adm.secret) && !text.includes(hashKey(sdk.secret)));
      assert.ok(listed.every((k) => k.hint.includes('…')));
      assert.deepEqual((await keys().list({ environment: ENV })).map((k) => k.id), [sdk.key.id]);
      assert.deepEqual((await keys().list({ kind: 'admin' })).map((k) => k.id), [adm.key.id]);
    });

    it('refuses an SDK key for a missing environment and an invalid key input', async () => {
      assert.deepEqual(await keys().create({ kind: 'sdk', environment: 'staging', name: 'x' }, admin), { ok: false, reason: 'not_found' });
      const bad = await keys().create({ kind: 'admin', role: 'owner' as 'admin', name: 'x' }, admin);
      assert.ok(!bad.ok && bad.reason === 'invalid');
      assert.deepEqual(await keys().list(), []);
    });

    it('revokes at once; revoking twice succeeds; an unknown id is not found', async () => {
      const sdk = expectOk(await keys().create({ kind: 'sdk', environment: ENV, name: 'web' }, admin));
      h.clock.advance(1000);
      const revoked = expectOk(await keys().revoke(sdk.key.id, admin));
      assert.equal(revoked.key.revokedAt, '2026-03-10T12:00:01.000Z');
      assert.equal(await h.stores.keys.findByHash(hashKey(sdk.secret)), undefined);
      expectOk(await keys().revoke(sdk.key.id, admin));
      assert.deepEqual(await keys().revoke('key_nope', admin), { ok: false, reason: 'not_found' });
      assert.deepEqual(await keys().rotate(sdk.key.id, { overlapUntil: '2026-03-11T00:00:00Z' }, admin), { ok: false, reason: 'not_found' });
      const actions = (await h.stores.audit.list({ environment: ENV })).entries.filter((e) => e.target.kind === 'apiKeys').map((e) => e.action);
      assert.deepEqual(actions, ['revoke', 'create']);
    });

    it('moves the environment\'s version when an SDK key is revoked or rotated (instances confirm it: revocation obeys the freshness bound)', async () => {
      const version = async () => (await h.stores.flags.version(ENV))!;
      const sdk = expectOk(await keys().create({ kind: 'sdk', environment: ENV, name: 'web' }, admin));
      const adm = expectOk(await keys().create({ kind: 'admin', role: 'editor', name: 'ci' }, admin));
      const before = await version();
      expectOk(await keys().rotate(sdk.key.id, { overlapUntil: '2026-03-10T13:00:00Z' }, admin));
      assert.equal(await version(), before + 1, 'rotation moved it');
      expectOk(await keys().revoke(sdk.key.id, admin));
      assert.equal(await version(), before + 2, 'revocation moved it');
      expectOk(await keys().revoke(adm.key.id, admin));
      assert.equal(await version(), before + 2, 'an admin key belongs to no environment');
      const revocation = (await h.stores.audit.list({ environment: ENV })).entries.find((e) => e.action === 'revoke');
      assert.equal(revocation?.environmentVersion, before + 2);
    });

    it('tells when a rotated key stops working (expiresAt on its principal)', async () => {
      const old = expectOk(await keys().create({ kind: 'sdk', environment: ENV, name: 'web' }, admin));
      expectOk(await keys().rotate(old.key.id, { overlapUntil: '2026-03-10T13:00:00Z' }, admin));
      assert.equal((await h.stores.keys.findByHash(hashKey(old.secret)))?.expiresAt, Date.parse('2026-03-10T13:00:00Z'));
    });

    it('rotates with an overlap window: the old key works until then, the new one from now', async () => {
      const old = expectOk(await keys().create({ kind: 'sdk', environment: ENV, name: 'web' }, admin));
      const rotated = expectOk(await keys().rotate(old.key.id, { overlapUntil: '2026-03-10T13:00:00Z' }, admin));
      assert.notEqual(rotated.secret, old.secret);
      assert.deepEqual({ kind: rotated.key.kind, name: rotated.key.name }, { kind: 'sdk', name: 'web' });
      const find = (secret: string) => h.stores.keys.findByHash(hashKey(secret));
      assert.equal((await find(old.secret))?.keyId, old.key.id);
      assert.equal((await find(rotated.secret))?.keyId, rotated.key.id);
      const oldRecord = (await keys().list()).find((k) => k.id === old.key.id);
      assert.equal(oldRecord?.expiresAt, '2026-03-10T13:00:00.000Z');
      assert.equal(oldRecord?.replacedBy, rotated.key.id);
      h.clock.set(Date.parse('2026-03-10T12:59:59.999Z'));
      assert.ok(await find(old.secret));
      h.clock.set(Date.parse('2026-03-10T13:00:00Z'));
      assert.equal(await find(old.secret), undefined);
      assert.ok(await find(rotated.secret));
      const invalid = await keys().rotate(rotated.key.id, { overlapUntil: 'tomorrow' }, admin);
      assert.ok(!invalid.ok && invalid.reason === 'invalid');
    });

    it('never authenticates with a corrupt key record', async () => {
      await h.writeRaw({ apiKeyHash: hashKey('sy_sdk_planted') }, { kind: 'sdk', name: 'no id or environment' });
      assert.equal(await h.stores.keys.findByHash(hashKey('sy_sdk_planted')), undefined);
      assert.deepEqual(await keys().list(), []);
    });
  });
}
