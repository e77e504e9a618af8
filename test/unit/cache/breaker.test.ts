import assert from 'node:assert/strict';
import { BreakerOpenError, createBreaker, createIncidentLog } from '../../../shared/cache/breaker.ts';

const fail = () => Promise.reject(new Error('down'));
const ok = () => Promise.resolve('fine');

describe('circuit breaker', () => {
  it('opens after the configured consecutive failures and refuses calls without making them', async () => {
    let now = 0;
    const breaker = createBreaker('redis', { failures: 3, coolDownMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) await assert.rejects(breaker.run(fail), /down/);
    assert.equal(breaker.state(), 'open');
    let called = false;
    await assert.rejects(breaker.run(() => ((called = true), ok())), BreakerOpenError);
    assert.equal(called, false);
    assert.equal(breaker.available(), false);
  });

  it('lets one probe through after the cool-down and closes when it succeeds', async () => {
    let now = 0;
    const breaker = createBreaker('redis', { failures: 1, coolDownMs: 1000, now: () => now });
    await assert.rejects(breaker.run(fail));
    now = 1000;
    assert.equal(breaker.state(), 'half-open');
    let release!: () => void;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = () => resolve('fine'))));
    await assert.rejects(breaker.run(ok), BreakerOpenError, 'a second call during the probe is refused');
    release();
    assert.equal(await probe, 'fine');
    assert.equal(breaker.state(), 'closed');
  });

  it('re-opens for another cool-down when the probe fails', async () => {
    let now = 0;
    const breaker = createBreaker('redis', { failures: 1, coolDownMs: 1000, now: () => now });
    await assert.rejects(breaker.run(fail));
    now = 1500;
    await assert.rejects(breaker.run(fail), /down/);
    assert.equal(breaker.state(), 'open');
    now = 2499;
    assert.equal(breaker.state(), 'open');
  });

  it('resets the failure count on a success', async () => {
    const breaker = createBreaker('redis', { failures: 2, coolDownMs: 1000 });
    await assert.rejects(breaker.run(fail));
    await breaker.run(ok);
    await assert.rejects(breaker.run(fail));
    assert.equal(breaker.state(), 'closed');
  });
});

describe('incident log', () => {
  it('counts every incident and writes one line per interval with the counts since the last', () => {
    let now = 0;
    const lines: { message: string; fields: Record<string, unknown> }[] = [];
    const log = createIncidentLog('redis', { intervalMs: 60_000, now: () => now, log: (message, fields) => lines.push({ message, fields }) });
    for (let i = 0; i < 100; i++) log.note('failure', new Error('timeout'));
    assert.equal(lines.length, 1);
    now = 60_000;
    log.note('refused');
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[1]!.fields.incidents, { failure: 99, refused: 1 });
    assert.deepEqual(log.counts(), { failure: 100, refused: 1 });
  });
});
