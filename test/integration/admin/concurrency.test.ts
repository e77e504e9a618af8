// 50 concurrent writers x 20 read-modify-write rounds on one flag through the admin HTTP API
// (real Functions Framework, embedded store): every writer increments a counter in the flag's
// metadata and retries on 412 after reading again. No update is lost.

import assert from 'node:assert/strict';
import { ENV, flagPath, serveAdmin, type AdminServer } from './fixture.ts';

const WRITERS = 50;
const ROUNDS = 20;

type Stored = { version: number; document: { metadata?: { counter?: number; by?: string } } & Record<string, unknown> };

describe('admin: concurrent writers through HTTP', function () {
  this.timeout(120_000);
  let server: AdminServer;
  before(async () => {
    server = await serveAdmin(Date.now);
    const created = await server.call('PUT', flagPath('hot'), { ifMatch: 0, body: { flag: { key: 'hot', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', metadata: { counter: 0 } } } });
    assert.equal(created.status, 201);
  });
  after(() => server.close());

  it(`${WRITERS} writers x ${ROUNDS} rounds: successes + 412s = attempts, final version = 1 + successes, 0 lost updates`, async () => {
    let attempts = 0;
    let stale = 0;
    const successes = new Map<number, string>();
    const writer = async (w: number) => {
      for (let r = 0; r < ROUNDS; r += 1) {
        const id = `w${w}-r${r}`;
        for (;;) {
          const read = await server.call('GET', flagPath('hot'));
          assert.equal(read.status, 200);
          const current = (await read.json()) as Stored;
          assert.equal(read.headers.get('etag'), `"${current.version}"`);
          const { version: _, ...document } = current.document;
          const metadata = { ...document.metadata, counter: (document.metadata?.counter ?? 0) + 1, by: id };
          attempts += 1;
          const put = await server.call('PUT', flagPath('hot'), { ifMatch: current.version, headers: { 'x-request-id': id, 'x-change-comment': `round ${r}` }, body: { flag: { ...document, metadata } } });
          const body = (await put.json()) as { version: number; currentVersion?: number };
          if (put.status === 200) {
            assert.equal(put.headers.get('etag'), `"${body.version}"`);
            successes.set(body.version, id);
            break;
          }
          assert.equal(put.status, 412, JSON.stringify(body));
          assert.ok(body.currentVersion! > current.version);
          stale += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    assert.equal(successes.size, WRITERS * ROUNDS);
    assert.equal(successes.size + stale, attempts);
    const final = (await (await server.call('GET', flagPath('hot'))).json()) as Stored;
    assert.equal(final.version, 1 + successes.size);
    assert.equal(final.document.metadata?.counter, successes.size, 'lost updates');

    type Page = { versions: { version: number; requestId?: string; actor: string; document: Stored['document'] }[] };
    const entries: Page['versions'] = [];
    for (let before = Infinity; before > 1; ) {
      const page = (await (await server.call('GET', `${flagPath('hot')}/versions?limit=500${before === Infinity ? '' : `&before=${before}`}`)).json()) as Page;
      if (page.versions.length === 0) break;
      entries.push(...page.versions);
      before = page.versions.at(-1)!.version;
    }
    assert.deepEqual(entries.map((e) => e.version), Array.from({ length: 1 + successes.size }, (_, i) => successes.size + 1 - i));
    for (const [version, id] of successes) {
      const entry = entries.find((e) => e.version === version);
      assert.equal(entry?.requestId, id, `version ${version}`);
      assert.equal(entry?.document.metadata?.by, id);
      assert.equal(entry?.document.metadata?.counter, version - 1);
      assert.equal(entry?.actor, 'admin key');
    }
    const audit = (await server.store.audit.list({ environment: ENV })).entries.filter((e) => e.target.key === 'hot' && e.action === 'update');
    assert.equal(audit.length, successes.size);
    console.log(`      ${attempts} attempts, ${stale} answered 412`);
  });
});
