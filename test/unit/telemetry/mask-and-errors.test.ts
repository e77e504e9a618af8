import assert from 'node:assert/strict';
import { LOGGING_DEFAULTS } from '../../../shared/config/logging-config.ts';
import { bodyMasker, maskHeaders, MASK } from '../../../shared/telemetry/mask.ts';
import { classifyError, ClassifiedError, clientError, dependencyError } from '../../../shared/telemetry/errors.ts';

describe('masking', () => {
  it('masks authorization, API keys and cookies, and keeps other headers', () => {
    const masked = maskHeaders({ authorization: 'Bearer s3cret', 'x-api-key': 'k3y', cookie: 'a=b', 'set-cookie': ['c=d'], 'user-agent': 'curl' });
    assert.deepEqual(masked, { authorization: MASK, 'x-api-key': MASK, cookie: MASK, 'set-cookie': MASK, 'user-agent': 'curl' });
  });

  it('masks configured fields at any depth, replaces e-mails unless allowed, and truncates', () => {
    const mask = bodyMasker({ ...LOGGING_DEFAULTS.production, bodyChars: 200 });
    const text = mask({ context: { targetingKey: 'user-1', email: 'a@b.example' }, nested: [{ password: 'p' }], note: 'mail x.y@corp.example now', actor: 'alice@corp.example' });
    const parsed = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(parsed, { context: MASK, nested: [{ password: MASK }], note: 'mail [email] now', actor: 'alice@corp.example' });
    const long = bodyMasker({ ...LOGGING_DEFAULTS.production, bodyChars: 10 })({ note: 'x'.repeat(50) });
    assert.match(long, /^.{10}…\(\d+ more\)$/);
  });

  it('masks raw text bodies that are JSON, and e-mails in text that is not', () => {
    const mask = bodyMasker(LOGGING_DEFAULTS.production);
    assert.equal(mask('{"token":"abc"}'), `{"token":"${MASK}"}`);
    assert.equal(mask('hello bob@corp.example'), 'hello [email]');
  });
});

describe('error taxonomy', () => {
  const cases: [string, unknown, string, number][] = [
    ['a client error', clientError('bad'), 'client', 400],
    ['body-parser error with status 400', Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' }), 'client', 400],
    ['a dependency error', dependencyError('firestore', 'down'), 'dependency', 503],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'dependency', 503],
    ['gRPC UNAVAILABLE', Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: 'No connection' }), 'dependency', 503],
    ['a timeout in the cause chain', new Error('load failed', { cause: Object.assign(new Error('t'), { name: 'TimeoutError' }) }), 'dependency', 503],
    ['a TypeError', new TypeError('x is undefined'), 'bug', 500],
    ['a thrown string', 'oops', 'bug', 500],
    ['a ClassifiedError bug', new ClassifiedError('bug', 'invariant'), 'bug', 500],
  ];
  for (const [name, error, kind, status] of cases) {
    it(`classifies ${name} as ${kind} (${status})`, () => {
      const c = classifyError(error);
      assert.equal(c.kind, kind);
      assert.equal(c.status, status);
    });
  }
  it('keeps the name of the dependency that failed', () => {
    assert.equal(classifyError(dependencyError('redis', 'timeout')).dependency, 'redis');
  });
});
