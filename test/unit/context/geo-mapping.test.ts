// The geo header mapping read from SWITCHYARD_GEO_HEADERS, validated by zod.

import assert from 'node:assert/strict';
import { DEFAULT_GEO_HEADERS, readGeoHeaders } from '../../../shared/context/index.ts';

describe('readGeoHeaders', () => {
  it('gives the default mapping when the variable is unset or blank', () => {
    assert.deepEqual(readGeoHeaders({}), { ok: true, mapping: DEFAULT_GEO_HEADERS });
    assert.deepEqual(readGeoHeaders({ SWITCHYARD_GEO_HEADERS: '  ' }), { ok: true, mapping: DEFAULT_GEO_HEADERS });
  });

  it('covers Cloudflare, the Google Cloud load balancer and App Engine by default, Cloudflare first', () => {
    assert.deepEqual(DEFAULT_GEO_HEADERS.map((s) => s.name), ['cloudflare', 'google-load-balancer', 'app-engine']);
  });

  it('reads a list of sources', () => {
    const mapping = [{ name: 'edge', country: 'X-Edge-Country', latLong: 'X-Edge-LatLong' }];
    assert.deepEqual(readGeoHeaders({ SWITCHYARD_GEO_HEADERS: JSON.stringify(mapping) }), { ok: true, mapping });
  });

  it('reads an empty list, which turns header geo off', () => {
    assert.deepEqual(readGeoHeaders({ SWITCHYARD_GEO_HEADERS: '[]' }), { ok: true, mapping: [] });
  });

  it('reports JSON that does not parse', () => {
    const result = readGeoHeaders({ SWITCHYARD_GEO_HEADERS: '[{' });
    assert.ok(!result.ok && result.message.startsWith('SWITCHYARD_GEO_HEADERS is not JSON'));
  });

  for (const [title, value] of [
    ['an object instead of a list', { name: 'x', country: 'X-C' }],
    ['an invalid header name', [{ name: 'x', country: 'X Country' }]],
    ['an unknown field', [{ name: 'x', country: 'X-C', county: 'X-D' }]],
    ['a source without headers', [{ name: 'x' }]],
    ['an unknown region format', [{ name: 'x', region: 'X-R', regionFormat: 'fips' }]],
  ] as const) {
    it(`reports ${title} with its path`, () => {
      const result = readGeoHeaders({ SWITCHYARD_GEO_HEADERS: JSON.stringify(value) });
      assert.ok(!result.ok && result.message.startsWith('SWITCHYARD_GEO_HEADERS is not a list of geo sources: /'), JSON.stringify(result));
    });
  }
});
