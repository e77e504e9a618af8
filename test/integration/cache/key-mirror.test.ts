// The Redis mirror of API keys (Upstash REST proxy of `npm test`), in front of a store whose
// answers each test chooses: what a cold evaluate instance can verify while the store is down.

import assert from 'node:assert/strict';
import { Redis } from '@upstash/redis';
import { createBreaker } from '../../../shared/cache/breaker.ts';
import { createKeyMirror } from '../../../shared/cache/key-mirror.ts';
import type { KeyVerifier, Principal } from '../../../shared/store/api-keys.ts';
import { upstash } from '../../helpers/services.ts';

const client = () => new Redis({ ...upstash(), enableTelemetry: false });
const run = `${process.pid}-${Date.now()}`;
const sdk: Principal = { kind: 'sdk', keyId: 'k1', name: 'web', environment: 'production', access: 'server' };

/** A store that knows `known`, or fails, or never answers, as the test says. */
function storeThat(state: { mode: 'up' | 'down' | 'hanging'; known: Map<string, Principal> }): KeyVerifier {
  return {
    findByHash: (hash) => {
      if (state.mode === 'down') return Promise.reject(Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED'), { code: 14, details: 'connect ECONNREFUSED' }));
      if (state.mode === 'hanging') return new Promise(() => {});
      return Promise.resolve(state.known.get(hash));
    },
  };
}

/**
 * A Redis client whose writes can be waited for: the mirror does not await them (a lookup answers
 * first), so `written()` resolves once every write begun so far has landed.
 */
function watchedClient() {
  const redis = client();
  const pending = new Set<Promise<unknown>>();
  const track = <T>(write: Promise<T>): Promise<T> => {
    pending.add(write);
    void write.catch(() => undefined).finally(() => pending.delete(write));
    return write;
  };
  const watched = new Proxy(redis, {
    get(target, property, receiver) {
      if (property === 'del') return (...keys: string[]) => track(target.del(...keys));
      if (property === 'pipeline') {
        return () => {
          const pipeline = target.pipeline();
          const exec = pipeline.exec.bind(pipeline);
          return Object.assign(pipeline, { exec: (() => track(exec())) as typeof pipeline.exec });
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return { redis: watched, written: async () => void (await Promise.allSettled([...pending])) };
}

function mirrorOver(state: Parameters<typeof storeThat>[0], prefix: string) {
  const fallbacks: unknown[] = [];
  const { redis, written } = watchedClient();
  const mirror = createKeyMirror(storeThat(state), {
    redis,
    breaker: createBreaker('redis', { failures: 3, coolDownMs: 1000 }),
    deadlineMs: 200,
    prefix,
    onFallback: (error) => fallbacks.push(error),
  });
  return { mirror, fallbacks, written };
}

describe('key mirror', () => {
  it('answers for a key the store verified earlier once the store fails', async () => {
    const state = { mode: 'up' as 'up' | 'down' | 'hanging', known: new Map([['h1', sdk]]) };
    const { mirror, fallbacks, written } = mirrorOver(state, `test:keys:${run}:a:`);
    assert.deepEqual(await mirror.verifier.findByHash('h1'), sdk);
    await written();
    state.mode = 'down';
    assert.deepEqual(await mirror.verifier.findByHash('h1'), sdk);
    assert.equal(fallbacks.length, 1);
  });

  it('answers from the mirror when the store does not answer within the deadline', async () => {
    const state = { mode: 'up' as 'up' | 'down' | 'hanging', known: new Map([['h2', sdk]]) };
    const { mirror, fallbacks, written } = mirrorOver(state, `test:keys:${run}:b:`);
    await mirror.verifier.findByHash('h2');
    await written();
    state.mode = 'hanging';
    // The store never answers: an answer at all means the deadline passed and the mirror spoke.
    assert.deepEqual(await mirror.verifier.findByHash('h2'), sdk);
    assert.equal(fallbacks.length, 1, 'answered by the mirror');
  });

  it('fails, rather than calling the key unknown, when neither the store nor the mirror knows it', async () => {
    const state = { mode: 'down' as 'up' | 'down' | 'hanging', known: new Map<string, Principal>() };
    const { mirror } = mirrorOver(state, `test:keys:${run}:c:`);
    await assert.rejects(Promise.resolve(mirror.verifier.findByHash('never-seen')), /UNAVAILABLE/);
  });

  it('drops a key the store no longer knows, so a later outage does not revive it', async () => {
    const state = { mode: 'up' as 'up' | 'down' | 'hanging', known: new Map([['h3', sdk]]) };
    const { mirror, written } = mirrorOver(state, `test:keys:${run}:d:`);
    await mirror.verifier.findByHash('h3');
    await written();
    state.known.delete('h3');
    assert.equal(await mirror.verifier.findByHash('h3'), undefined);
    await written();
    state.mode = 'down';
    await assert.rejects(Promise.resolve(mirror.verifier.findByHash('h3')));
  });

  it('forgets a revoked key by its id', async () => {
    const state = { mode: 'up' as 'up' | 'down' | 'hanging', known: new Map([['h4', { ...sdk, keyId: 'k4' }]]) };
    const { mirror, written } = mirrorOver(state, `test:keys:${run}:e:`);
    await mirror.verifier.findByHash('h4');
    await written();
    await mirror.forget('k4');
    state.mode = 'down';
    await assert.rejects(Promise.resolve(mirror.verifier.findByHash('h4')));
  });

  it('treats a corrupt mirror entry as no entry', async () => {
    const prefix = `test:keys:${run}:f:`;
    await client().set(`${prefix}hash:h5`, { kind: 'sdk', keyId: 'k5' });
    const { mirror } = mirrorOver({ mode: 'down', known: new Map() }, prefix);
    await assert.rejects(Promise.resolve(mirror.verifier.findByHash('h5')), /UNAVAILABLE/);
  });
});
