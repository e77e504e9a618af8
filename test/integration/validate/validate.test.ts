// POST /v1/rules/validate through the real Functions Framework: flags, segments and conditions
// checked against the demo environment's segments, flags and catalogue.

import assert from 'node:assert/strict';
import { createValidateFunction } from '../../../functions/validate/app.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
const aFlag = (rules: unknown[], extra: Record<string, unknown> = {}) => ({ key: 'draft', ...onOff, rules, ...extra });

type Report = { kind: string; environment: string; valid: boolean; errors: { path: string; code: string; message: string }[]; warnings: { path: string; code: string }[]; complexity: number | null };

describe('validate: POST /v1/rules/validate', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('validate-documents', createValidateFunction(demoDeps()));
  });
  after(() => fn.close());

  async function validate(body: unknown, query = ''): Promise<Report> {
    const res = await fn.post(`/v1/rules/validate${query}`, body);
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    return (await res.json()) as Report;
  }

  it('reports a valid flag with no errors and its complexity', async () => {
    const report = await validate({ flag: aFlag([{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }]) });
    assert.deepEqual({ kind: report.kind, environment: report.environment, valid: report.valid, errors: report.errors }, { kind: 'flag', environment: 'development', valid: true, errors: [] });
    assert.equal(report.complexity, 3);
  });

  it('reports every error with a path relative to the submitted document', async () => {
    const report = await validate({ flag: aFlag([{ id: 'r', when: { attr: 'seats', op: 'gt', value: 'ten' }, serve: { variant: 'nope' } }, { id: 's', when: { segment: 'missing' }, serve: { variant: 'on' } }]) });
    assert.equal(report.valid, false);
    const found = report.errors.map((e) => `${e.path} ${e.code}`);
    assert.ok(found.includes('/rules/0/when/value INVALID_OPERAND'), found.join(', '));
    assert.ok(found.includes('/rules/0/serve/variant UNKNOWN_VARIANT'), found.join(', '));
    assert.ok(found.includes('/rules/1/when/segment UNKNOWN_SEGMENT'), found.join(', '));
    for (const e of report.errors) assert.ok(e.message.length > 0);
  });

  it('resolves segment references against the environment', async () => {
    const report = await validate({ flag: aFlag([{ id: 'staff', when: { segment: 'staff' }, serve: { variant: 'on' } }]) });
    assert.equal(report.valid, true, JSON.stringify(report.errors));
  });

  it('checks prerequisites against the environment\'s flags', async () => {
    const ok = await validate({ flag: aFlag([], { prerequisites: [{ flag: 'new-checkout', variant: 'on' }] }) });
    assert.equal(ok.valid, true, JSON.stringify(ok.errors));
    const bad = await validate({ flag: aFlag([], { prerequisites: [{ flag: 'no-such-flag', variant: 'on' }] }) });
    assert.deepEqual(bad.errors.map((e) => e.code), ['UNKNOWN_FLAG']);
  });

  it('finds a prerequisite cycle through the draft that replaces a stored flag', async () => {
    const report = await validate({ flag: { key: 'new-checkout', ...onOff, prerequisites: [{ flag: 'search-v2', variant: 'on' }] } });
    assert.ok(report.errors.some((e) => e.code === 'PREREQUISITE_CYCLE'), JSON.stringify(report.errors));
  });

  it('type-checks clauses against the stored catalogue and the derived attributes', async () => {
    const stored = await validate({ flag: aFlag([{ id: 'r', when: { attr: 'plan', op: 'gt', value: 3 }, serve: { variant: 'on' } }]) });
    assert.ok(stored.errors.some((e) => e.code === 'ATTRIBUTE_TYPE_MISMATCH' && e.path.startsWith('/rules/0/when')), JSON.stringify(stored.errors));
    const derived = await validate({ flag: aFlag([{ id: 'r', when: { attr: 'device.type', op: 'gt', value: 3 }, serve: { variant: 'on' } }]) });
    assert.ok(derived.errors.some((e) => e.code === 'ATTRIBUTE_TYPE_MISMATCH'), JSON.stringify(derived.errors));
  });

  it('uses a catalogue sent with the request instead of the stored one', async () => {
    const report = await validate({
      flag: aFlag([{ id: 'r', when: { attr: 'plan', op: 'gt', value: 3 }, serve: { variant: 'on' } }]),
      catalogue: [{ name: 'plan', type: 'number', description: 'plan tier as a number' }],
    });
    assert.equal(report.valid, true, JSON.stringify(report.errors));
  });

  it('warns about values enrichment never gives, each at its path with the value meant', async () => {
    const report = await validate({ flag: aFlag([
      { id: 'geo', when: { all: [{ attr: 'geo.country', op: 'in', value: ['de', 'Germany', 'pro', 'AT'] }, { attr: 'geo.region', op: 'eq', value: 'TX' }] }, serve: { variant: 'on' } },
      { id: 'ua', when: { any: [{ attr: 'device.type', op: 'eq', value: 'phone' }, { attr: 'browser.name', op: 'eq', value: 'chrme' }, { attr: 'os.name', op: 'eq', value: 'Mac OS' }] }, serve: { variant: 'on' } },
      { id: 'prefix', when: { attr: 'geo.country', op: 'starts_with', value: 'd' }, serve: { variant: 'on' } },
    ]) });
    assert.equal(report.valid, true, JSON.stringify(report.errors));
    const values = (report.warnings as { path: string; code: string; suggestion?: string }[]).filter((w) => w.code === 'UNKNOWN_VALUE').map((w) => `${w.path} ${w.suggestion ?? '-'}`);
    assert.deepEqual(values, [
      '/rules/0/when/all/0/value/0 DE', '/rules/0/when/all/0/value/1 DE', '/rules/0/when/all/0/value/2 -', '/rules/0/when/all/1/value US-TX',
      '/rules/1/when/any/0/value mobile', '/rules/1/when/any/1/value Chrome', '/rules/1/when/any/2/value macOS',
    ]);
  });

  it('checks values against a domain a catalogue entry names, and refuses a domain that does not exist', async () => {
    const flag = aFlag([{ id: 'r', when: { attr: 'billing.country', op: 'eq', value: 'Deutschland' }, serve: { variant: 'on' } }]);
    const report = await validate({ flag, catalogue: [{ name: 'billing.country', type: 'string', domain: 'country' }] });
    assert.deepEqual((report.warnings as { path: string; code: string; suggestion?: string }[]).map((w) => [w.path, w.code, w.suggestion]), [['/rules/0/when/value', 'UNKNOWN_VALUE', 'DE']]);
    const res = await fn.post('/v1/rules/validate', { flag, catalogue: [{ name: 'billing.country', type: 'string', domain: 'countries' }] });
    assert.equal(res.status, 400, await res.clone().text());
    assert.ok(((await res.json()) as { errors: { path: string }[] }).errors.some((e) => e.path === '/catalogue/0/domain'));
  });

  it('warns about shadowed rules from the analysis', async () => {
    const when = { attr: 'plan', op: 'eq', value: 'pro' };
    const report = await validate({ flag: aFlag([{ id: 'a', when, serve: { variant: 'on' } }, { id: 'b', when, serve: { variant: 'off' } }]) });
    assert.equal(report.valid, true);
    assert.ok(report.warnings.length > 0 && report.warnings.every((w) => w.path.startsWith('/')), JSON.stringify(report.warnings));
  });

  it('validates a segment, resolving the segments it references', async () => {
    const report = await validate({ segment: { key: 'pros', when: { all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { segment: 'staff' }] } } });
    assert.deepEqual({ kind: report.kind, valid: report.valid }, { kind: 'segment', valid: true });
    assert.ok(typeof report.complexity === 'number' && report.complexity > 1);
  });

  it('finds a segment cycle through the draft segment', async () => {
    const report = await validate({ segment: { key: 'staff', when: { segment: 'beta-testers' } } });
    assert.ok(report.errors.some((e) => e.code === 'SEGMENT_CYCLE'), JSON.stringify(report.errors));
  });

  it('validates a bare condition and scores it as the condition alone', async () => {
    const report = await validate({ condition: { attr: 'plan', op: 'eq', value: 'pro' } });
    assert.deepEqual({ kind: report.kind, valid: report.valid, complexity: report.complexity }, { kind: 'condition', valid: true, complexity: 1 });
    const bad = await validate({ condition: { attr: 'email', op: 'matches', value: '(a)\\1' } });
    assert.deepEqual(bad.errors.map((e) => [e.path, e.code]), [['/value', 'INVALID_REGEX']]);
  });

  it('reports a document whose shape is wrong, with a null complexity', async () => {
    const report = await validate({ flag: { key: 'x' } });
    assert.equal(report.valid, false);
    assert.equal(report.complexity, null);
    assert.ok(report.errors.some((e) => e.path === '/enabled' && e.code === 'REQUIRED'), JSON.stringify(report.errors));
  });

  it('refuses a document past 256 KiB inside a body under the body limit', async () => {
    const big = aFlag([{ id: 'r', when: { attr: 'plan', op: 'in', value: Array.from({ length: 1000 }, (_, i) => `${'x'.repeat(300)}${i}`) }, serve: { variant: 'on' } }]);
    const report = await validate({ flag: big });
    assert.deepEqual(report.errors.map((e) => e.code), ['DOCUMENT_TOO_LARGE']);
  });

  it('answers 400 when the body names no document or several', async () => {
    for (const body of [{}, { flag: aFlag([]), condition: { attr: 'a', op: 'exists' } }]) {
      const res = await fn.post('/v1/rules/validate', body);
      assert.equal(res.status, 400);
      const problem = (await res.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'INVALID_BODY');
      assert.match(problem.detail, /exactly one/);
    }
  });

  it('answers 400 for a field the request does not know', async () => {
    const res = await fn.post('/v1/rules/validate', { flag: aFlag([]), flavour: 'x' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: string }).code, 'INVALID_BODY');
  });

  it('reads references from the environment named in the query, and 404s an unknown one', async () => {
    const known = await validate({ condition: { segment: 'staff' } }, '?environment=development');
    assert.equal(known.valid, true);
    const res = await fn.post('/v1/rules/validate?environment=production', { condition: { segment: 'staff' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(((await res.json()) as { code: string }).code, 'NOT_FOUND');
  });

  it('answers 400 for an environment given twice', async () => {
    const res = await fn.post('/v1/rules/validate?environment=a&environment=b', { condition: { segment: 'staff' } });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: string }).code, 'INVALID_QUERY');
  });
});
