import assert from 'node:assert/strict';
import { enrichContext, sourcesFor } from '../../../shared/context/index.ts';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const headers = { 'x-appengine-country': 'DE', 'user-agent': IPHONE };
const now = Date.parse('2026-11-23T12:00:00Z');

describe('derived sources', () => {
  it('finds the sources a set of attribute paths reads', () => {
    assert.deepEqual(sourcesFor(['plan', 'geo.country']), { geo: true, userAgent: false, time: false });
    assert.deepEqual(sourcesFor(['browser.major', 'time.hour']), { geo: false, userAgent: true, time: true });
    assert.deepEqual(sourcesFor(['os.name']), { geo: false, userAgent: true, time: false });
    assert.deepEqual(sourcesFor(['geography', 'timezone', 'devices']), { geo: false, userAgent: false, time: false });
  });

  it('derives only the sources asked for', () => {
    const context = enrichContext({ plan: 'pro' }, { headers }, { now, sources: { geo: true, userAgent: false, time: false } });
    assert.deepEqual(Object.keys(context).sort(), ['geo', 'plan']);
  });

  it('returns the client context itself when no source is asked for', () => {
    const client = { plan: 'pro' };
    assert.equal(enrichContext(client, { headers }, { now, sources: { geo: false, userAgent: false, time: false } }), client);
  });

  it('derives every source by default', () => {
    const context = enrichContext({}, { headers }, { now });
    assert.deepEqual(Object.keys(context).sort(), ['browser', 'device', 'geo', 'os', 'time']);
  });
});
