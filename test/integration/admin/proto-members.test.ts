// Members named `__proto__` anywhere in a document are refused with 422 at their path, never
// acknowledged and dropped; members named like other Object.prototype names are kept as sent.

import assert from 'node:assert/strict';
import { ENV, flagPath, KEYS, serveAdmin, type AdminServer } from './fixture.ts';

const base = '"key":"p","enabled":true,"offVariant":"off","defaultVariant":"off"';
const variants = '"variants":{"on":true,"off":false}';
const rule = (when: string) => `"rules":[{"id":"r","when":${when},"serve":{"variant":"on"}}]`;

/** [where, the flag's JSON, the path of the refused member in the request body] */
const ROWS: [string, string, string][] = [
  ['a metadata member', `{${base},${variants},"metadata":{"__proto__":{"team":"x"}}}`, '/flag/metadata/__proto__'],
  ['a variant', `{${base},"variants":{"on":true,"off":false,"__proto__":1}}`, '/flag/variants/__proto__'],
  ['a member of a variant value', `{${base},"variants":{"on":{"__proto__":{"admin":true}},"off":false}}`, '/flag/variants/on/__proto__'],
  ['a member of an operand', `{${base},${variants},${rule('{"attr":"geo","op":"within_radius","value":{"lat":1,"lon":1,"km":5,"__proto__":{}}}')}}`, '/flag/rules/0/when/value/__proto__'],
  ['a member of an in list item', `{${base},${variants},${rule('{"attr":"a","op":"in","value":[{"__proto__":1}]}')}}`, '/flag/rules/0/when/value/0/__proto__'],
  ['a member of a condition', `{${base},${variants},${rule('{"all":[],"__proto__":{"any":[]}}')}}`, '/flag/rules/0/when/__proto__'],
  ['a golden test context attribute', `{${base},${variants},"tests":[{"context":{"targetingKey":"u","__proto__":{"plan":"pro"}},"expect":{"variant":"off"}}]}`, '/flag/tests/0/context/__proto__'],
  ['a nested golden context attribute', `{${base},${variants},"tests":[{"context":{"geo":{"__proto__":{"country":"DE"}}},"expect":{"variant":"off"}}]}`, '/flag/tests/0/context/geo/__proto__'],
  ['the flag itself', `{${base},${variants},"__proto__":{"enabled":false}}`, '/flag/__proto__'],
];

describe('admin: members named __proto__', () => {
  let server: AdminServer;
  before(async () => {
    server = await serveAdmin();
  });
  after(() => server.close());

  const put = (path: string, body: string, ifMatch = '0') =>
    fetch(server.url + path, { method: 'PUT', headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json', 'if-match': ifMatch }, body });

  for (const [where, flag, path] of ROWS) {
    it(`refuses ${where} with 422 RESERVED_KEY at ${path}, and stores nothing`, async () => {
      const res = await put(flagPath('p'), `{"flag":${flag}}`);
      assert.equal(res.status, 422);
      const body = (await res.json()) as { code: string; errors: { path: string; code: string }[] };
      assert.deepEqual(body.errors.filter((e) => e.code === 'RESERVED_KEY').map((e) => e.path), [path]);
      assert.equal((await server.call('GET', flagPath('p'))).status, 404);
    });
  }

  it('refuses a segment and an import at the member path too', async () => {
    const segment = await put(`/v1/environments/${ENV}/segments/s`, '{"segment":{"key":"s","when":{"attr":"a","op":"in","value":[{"__proto__":1}]}}}');
    assert.equal(segment.status, 422);
    assert.deepEqual(((await segment.json()) as { errors: { path: string }[] }).errors.map((e) => e.path), ['/segment/when/value/0/__proto__']);
    const version = ((await (await server.call('GET', '/v1/environments')).json()) as { environments: { key: string; version: number }[] }).environments.find((e) => e.key === ENV)!.version;
    const imported = await fetch(`${server.url}/v1/environments/${ENV}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json', 'if-match': String(version) },
      body: `{"flags":[{${base},${variants},"metadata":{"__proto__":1}}]}`,
    });
    assert.equal(imported.status, 422);
    assert.deepEqual(((await imported.json()) as { errors: { path: string }[] }).errors.map((e) => e.path), ['/flags/0/metadata/__proto__']);
  });

  it('keeps members named after other Object.prototype names as sent', async () => {
    const flag = `{"key":"q","enabled":true,"offVariant":"off","defaultVariant":"constructor","variants":{"constructor":{"toString":1},"off":false},"metadata":{"hasOwnProperty":"x","valueOf":2}}`;
    const res = await put(flagPath('q'), `{"flag":${flag}}`);
    assert.equal(res.status, 201, await res.clone().text());
    const got = (await (await server.call('GET', flagPath('q'))).json()) as { document: Record<string, unknown> };
    assert.deepEqual(got.document.variants, { constructor: { toString: 1 }, off: false });
    assert.deepEqual(got.document.metadata, { hasOwnProperty: 'x', valueOf: 2 });
  });
});
