// enrichContext as a whole: the client wins per attribute, the input stays untouched, limits hold.

import assert from 'node:assert/strict';
import { enrichContext } from '../../../shared/context/index.ts';
import { checkContext, LIMITS, type Context } from '../../../shared/rules/index.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1';
const APP_ENGINE_BERLIN = {
  'x-appengine-country': 'DE', 'x-appengine-region': 'be', 'x-appengine-city': 'berlin', 'x-appengine-citylatlong': '52.52,13.40',
};
const enrich = (context: Context, headers: Record<string, string> = {}, now = NOW) => enrichContext(context, { headers }, { now });

describe('enrichContext: precedence', () => {
  it('keeps every attribute the client sent and adds the derived ones beside it', () => {
    const out = enrich({ targetingKey: 'u-1', plan: 'pro' }, { ...APP_ENGINE_BERLIN, 'user-agent': IPHONE });
    assert.equal(out.targetingKey, 'u-1');
    assert.equal(out.plan, 'pro');
    assert.deepEqual(out.geo, { country: 'DE', region: 'DE-BE', city: 'berlin', lat: 52.52, lon: 13.4 });
    assert.equal((out.device as Record<string, unknown>).type, 'mobile');
  });

  it('lets a client leaf win and fills in the leaves it did not send', () => {
    const out = enrich({ geo: { city: 'Potsdam' }, device: { type: 'tablet' } }, { ...APP_ENGINE_BERLIN, 'user-agent': IPHONE });
    assert.deepEqual(out.geo, { city: 'Potsdam', country: 'DE', region: 'DE-BE', lat: 52.52, lon: 13.4 });
    assert.deepEqual(out.device, { type: 'tablet', vendor: 'Apple', model: 'iPhone', bot: false });
  });

  it('adds no location of another country than the one the client sent', () => {
    assert.deepEqual(enrich({ geo: { country: 'fr' } }, APP_ENGINE_BERLIN).geo, { country: 'fr' });
  });

  it('adds the location when the client sent the same country', () => {
    assert.deepEqual(enrich({ geo: { country: 'de' } }, APP_ENGINE_BERLIN).geo, { country: 'de', region: 'DE-BE', city: 'berlin', lat: 52.52, lon: 13.4 });
  });

  it('treats lat and lon as one fact: half a pair from the client keeps ours out', () => {
    assert.deepEqual(enrich({ geo: { lat: 48.1 } }, APP_ENGINE_BERLIN).geo, { lat: 48.1, country: 'DE', region: 'DE-BE', city: 'berlin' });
  });

  it('counts a flat "geo.country" key as sent, since the rules module reads it too', () => {
    const out = enrich({ 'geo.country': 'AT' }, APP_ENGINE_BERLIN);
    assert.equal(out['geo.country'], 'AT');
    assert.equal(out.geo, undefined);
    const partial = enrich({ 'geo.city': 'Spandau' }, APP_ENGINE_BERLIN);
    assert.deepEqual(partial.geo, { country: 'DE', region: 'DE-BE', lat: 52.52, lon: 13.4 });
  });

  it('keeps a non-object the client sent under a derived key', () => {
    for (const value of ['DE', null, 7, ['DE']]) {
      assert.deepEqual(enrich({ geo: value }, APP_ENGINE_BERLIN).geo, value);
    }
  });

  it('adds nothing when the client sent every leaf', () => {
    const time = { epochMs: 1, iso: 'x', hour: 1, minute: 1, weekday: 'mon' };
    assert.equal(enrich({ time }).time, time);
  });
});

describe('enrichContext: time', () => {
  it('derives UTC attributes from now, never the clock', () => {
    assert.deepEqual(enrich({}, {}, Date.parse('2026-03-08T23:59:30.250Z')).time,
      { epochMs: Date.parse('2026-03-08T23:59:30.250Z'), iso: '2026-03-08T23:59:30.250Z', hour: 23, minute: 59, weekday: 'sun' });
    assert.equal((enrich({}, {}, Date.parse('2026-03-10T00:00:00Z')).time as Record<string, unknown>).weekday, 'tue');
  });

  it('derives no time from a now that is not an instant', () => {
    for (const now of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) assert.equal(enrich({}, {}, now).time, undefined);
  });
});

describe('enrichContext: safety', () => {
  it('never mutates the client context', () => {
    const client = { targetingKey: 'u', geo: { city: 'Potsdam' }, device: { type: 'tablet' } };
    const snapshot = structuredClone(client);
    const out = enrich(Object.freeze(client), { ...APP_ENGINE_BERLIN, 'user-agent': IPHONE });
    assert.deepEqual(client, snapshot);
    assert.notEqual(out, client);
    assert.notEqual(out.geo, client.geo);
  });

  it('never throws on any headers object', () => {
    const odd = [{}, { 'user-agent': undefined }, { 'USER-AGENT': [IPHONE, 'curl/8'] }, Object.create(null) as Record<string, string>];
    for (const headers of odd) assert.doesNotThrow(() => enrichContext({}, { headers }, { now: NOW }));
    assert.doesNotThrow(() => enrichContext({}, { headers: null as unknown as Record<string, string> }, { now: NOW }));
  });

  it('adds no new top-level key to a context already at the limit of 100 attributes', () => {
    const full = Object.fromEntries(Array.from({ length: LIMITS.contextAttributes }, (_, i) => [`a${i}`, i]));
    const out = enrich({ ...full }, { ...APP_ENGINE_BERLIN, 'user-agent': IPHONE });
    assert.equal(Object.keys(out).length, LIMITS.contextAttributes);
    assert.deepEqual(checkContext(out), []);
  });

  it('still fills leaves into an object the client sent when at the limit', () => {
    const full = Object.fromEntries(Array.from({ length: LIMITS.contextAttributes - 1 }, (_, i) => [`a${i}`, i]));
    const out = enrich({ ...full, geo: {} }, APP_ENGINE_BERLIN);
    assert.equal((out.geo as Record<string, unknown>).country, 'DE');
    assert.equal(out.time, undefined);
  });

  it('adds new top-level keys in the order geo, device, browser, os, time while room is left', () => {
    const nearlyFull = Object.fromEntries(Array.from({ length: LIMITS.contextAttributes - 2 }, (_, i) => [`a${i}`, i]));
    const out = enrich(nearlyFull, { ...APP_ENGINE_BERLIN, 'user-agent': IPHONE });
    assert.deepEqual(Object.keys(out).slice(-2), ['geo', 'device']);
  });

  it('keeps every derived string within the attribute string limit', () => {
    const huge = 'x'.repeat(5000);
    const out = enrich({}, { 'user-agent': `${IPHONE} ${huge}`, 'sec-ch-ua-model': `"${'€'.repeat(5000)}"`, 'x-appengine-country': 'DE', 'x-appengine-city': '€'.repeat(5000) });
    assert.deepEqual(checkContext(out), []);
  });
});
