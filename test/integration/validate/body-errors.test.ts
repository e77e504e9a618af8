// Bodies that are not a validate request each answer a precise 4xx problem+json through the real
// Functions Framework, never a 500 or an HTML page.

import assert from 'node:assert/strict';
import { createValidateFunction } from '../../../functions/validate/app.ts';
import { VALIDATE_BODY_BYTES } from '../../../functions/validate/validate-route.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

type Problem = { type: string; title: string; status: number; detail: string; code: string; errors: unknown[] };

describe('validate: body errors', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('validate-bodies', createValidateFunction(demoDeps()));
  });
  after(() => fn.close());

  async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
    assert.equal(res.status, status);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = (await res.json()) as Problem;
    assert.deepEqual({ status: body.status, code: body.code }, { status, code });
    assert.ok(body.type.startsWith('https://') && body.title.length > 0 && body.detail.length > 0);
    return body;
  }

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    await expectProblem(await fn.post('/v1/rules/validate', '{"flag": {'), 400, 'MALFORMED_JSON');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not application/json', async () => {
    await expectProblem(await fn.post('/v1/rules/validate', '{"condition":{"attr":"a","op":"exists"}}', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 INVALID_PATH for a path whose percent-encoding is broken', async () => {
    await expectProblem(await fn.post('/v1/rules/%E0%A4%A', '{"condition":{"attr":"a","op":"exists"}}'), 400, 'INVALID_PATH');
  });

  it('answers 400 INVALID_BODY for a request without a body', async () => {
    await expectProblem(await fn.post('/v1/rules/validate', ''), 400, 'INVALID_BODY');
  });

  it(`answers 413 BODY_TOO_LARGE past ${VALIDATE_BODY_BYTES} bytes, and accepts a body at the limit`, async () => {
    const pad = (bytes: number) => JSON.stringify({ condition: { attr: 'a', op: 'exists' }, catalogue: [{ name: 'a', type: 'string', description: 'x'.repeat(bytes) }] });
    const base = pad(0).length;
    const atLimit = pad(VALIDATE_BODY_BYTES - base);
    assert.equal(atLimit.length, VALIDATE_BODY_BYTES);
    // The description is over its own schema limit: the body is read, then refused by the schema.
    await expectProblem(await fn.post('/v1/rules/validate', atLimit), 400, 'INVALID_BODY');
    const problem = await expectProblem(await fn.post('/v1/rules/validate', pad(VALIDATE_BODY_BYTES - base + 1)), 413, 'BODY_TOO_LARGE');
    assert.match(problem.detail, new RegExp(`${VALIDATE_BODY_BYTES + 1} bytes`));
  });

  it('answers 400 BODY_TOO_DEEP for a nesting bomb of 100,000 arrays', async () => {
    const bomb = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await expectProblem(await fn.post('/v1/rules/validate', bomb), 400, 'BODY_TOO_DEEP');
  });

  it('answers 400 BODY_TOO_DEEP for a document nested past 64 levels inside the request', async () => {
    let condition: unknown = { attr: 'a', op: 'exists' };
    for (let i = 0; i < 70; i++) condition = { not: condition };
    await expectProblem(await fn.post('/v1/rules/validate', { condition }), 400, 'BODY_TOO_DEEP');
  });

  for (const [name, text] of [['an array', '[{"flag":{}}]'], ['a number', '42'], ['a string', '"flag"'], ['null', 'null'], ['true', 'true']] as const) {
    it(`answers 400 INVALID_BODY for ${name} as the body, naming it as not an object`, async () => {
      const problem = await expectProblem(await fn.post('/v1/rules/validate', text), 400, 'INVALID_BODY');
      assert.match(problem.detail, /JSON object/);
    });
  }
});
