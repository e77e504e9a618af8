// Geo attributes from the headers of Cloudflare, the Google Cloud load balancer and App Engine.

import assert from 'node:assert/strict';
import { enrichContext, type GeoHeaderMapping } from '../../../shared/context/index.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const geoOf = (headers: Record<string, string | string[] | undefined>, geoHeaders?: GeoHeaderMapping) =>
  enrichContext({}, { headers }, { now: NOW, ...(geoHeaders ? { geoHeaders } : {}) }).geo as Record<string, unknown> | undefined;

describe('geo from headers', () => {
  it('reads the Google Cloud load balancer headers, with the CLDR subdivision as ISO 3166-2', () => {
    assert.deepEqual(geoOf({
      'x-client-geo-country': 'US', 'x-client-geo-region': 'USCA',
      'x-client-geo-city': 'Mountain View', 'x-client-geo-lat-long': '37.386051,-122.083851',
    }), { country: 'US', region: 'US-CA', city: 'Mountain View', lat: 37.386051, lon: -122.083851 });
  });

  it('reads the App Engine headers, qualifying the region with the country', () => {
    assert.deepEqual(geoOf({
      'X-AppEngine-Country': 'DE', 'X-AppEngine-Region': 'be', 'X-AppEngine-City': 'berlin', 'X-AppEngine-CityLatLong': '52.520008,13.404954',
    }), { country: 'DE', region: 'DE-BE', city: 'berlin', lat: 52.520008, lon: 13.404954 });
  });

  it('reads Cloudflare CF-IPCountry alone and the visitor location headers when present', () => {
    assert.deepEqual(geoOf({ 'cf-ipcountry': 'fr' }), { country: 'FR' });
    assert.deepEqual(geoOf({ 'cf-ipcountry': 'GB', 'cf-region-code': 'ENG', 'cf-ipcity': 'London', 'cf-iplatitude': '51.5072', 'cf-iplongitude': '-0.1276' }),
      { country: 'GB', region: 'GB-ENG', city: 'London', lat: 51.5072, lon: -0.1276 });
  });

  for (const unknown of ['XX', 'T1', 'ZZ']) {
    it(`treats country ${unknown} as unknown`, () => {
      assert.equal(geoOf({ 'cf-ipcountry': unknown }), undefined);
    });
  }

  it('takes each attribute from the first source that has it', () => {
    assert.deepEqual(geoOf({ 'cf-ipcountry': 'US', 'x-appengine-country': 'US', 'x-appengine-region': 'ny', 'x-appengine-city': 'new york' }),
      { country: 'US', region: 'US-NY', city: 'new york' });
  });

  it('skips a later source that places the client in another country', () => {
    assert.deepEqual(geoOf({ 'cf-ipcountry': 'CH', 'x-client-geo-country': 'DE', 'x-client-geo-city': 'Frankfurt' }), { country: 'CH' });
  });

  it('drops App Engine unknown markers: city "?" and coordinates 0,0', () => {
    assert.deepEqual(geoOf({ 'x-appengine-country': 'BR', 'x-appengine-city': '?', 'x-appengine-citylatlong': '0.000000,0.000000' }), { country: 'BR' });
  });

  it('percent-decodes the city and repairs UTF-8 that arrived as latin1', () => {
    assert.equal(geoOf({ 'x-appengine-country': 'DE', 'x-appengine-city': 'M%C3%BCnchen' })?.city, 'München');
    assert.equal(geoOf({ 'x-appengine-country': 'DE', 'x-appengine-city': Buffer.from('Köln', 'utf8').toString('latin1') })?.city, 'Köln');
    assert.equal(geoOf({ 'x-appengine-country': 'DE', 'x-appengine-city': 'Caf%E9' })?.city, 'Caf%E9');
  });

  it('keeps a region given in ISO form by any source and drops one of another country', () => {
    assert.equal(geoOf({ 'x-appengine-country': 'US', 'x-appengine-region': 'US-TX' })?.region, 'US-TX');
    assert.equal(geoOf({ 'x-appengine-country': 'US', 'x-appengine-region': 'CA-ON' })?.region, undefined);
    assert.equal(geoOf({ 'x-client-geo-country': 'US', 'x-client-geo-region': 'CAON' })?.region, undefined);
  });

  it('drops a code-only region when the source has no country', () => {
    assert.equal(geoOf({ 'x-appengine-region': 'ca' }), undefined);
  });

  it('takes the country from a CLDR subdivision when the source sends no country', () => {
    assert.deepEqual(geoOf({ 'x-client-geo-region': 'gbsct' }), { country: 'GB', region: 'GB-SCT' });
  });

  it('takes the first value of a repeated header', () => {
    assert.deepEqual(geoOf({ 'cf-ipcountry': ['NL', 'BE'] }), { country: 'NL' });
  });

  describe('ignores garbage without throwing', () => {
    const garbage: Record<string, string | string[] | undefined> = {
      'cf-ipcountry': 'DE, FR', 'cf-region-code': '../../', 'cf-ipcity': 'a\u0000b', 'cf-iplatitude': 'NaN', 'cf-iplongitude': 'Infinity',
      'x-client-geo-country': '\u00ff\u00fe', 'x-client-geo-region': 'US-CALIFORNIA', 'x-client-geo-city': 'x'.repeat(200),
      'x-client-geo-lat-long': '91,10', 'x-appengine-country': '', 'x-appengine-city': '   ',
      'x-appengine-citylatlong': '1e3,2', 'x-appengine-region': [],
    };
    it('in every header at once', () => {
      assert.equal(geoOf(garbage), undefined);
    });
    for (const latLong of ['37.1', '37.1,-122.1,5', '0x10,1', ',', '-91,0', '10,181', '12.5;13.5']) {
      it(`in the coordinates "${latLong}"`, () => {
        assert.deepEqual(geoOf({ 'x-appengine-country': 'US', 'x-appengine-citylatlong': latLong }), { country: 'US' });
      });
    }
    it('in a header far past the length limit', () => {
      assert.deepEqual(geoOf({ 'cf-ipcountry': 'US', 'cf-ipcity': `${'%'.repeat(100_000)}` }), { country: 'US' });
    });
    it('in headers that are not strings', () => {
      const odd = { 'cf-ipcountry': 42, 'x-appengine-country': { toString: () => 'US' } } as unknown as Record<string, string>;
      assert.equal(geoOf(odd), undefined);
    });
  });

  describe('with a configured mapping', () => {
    const mapping: GeoHeaderMapping = [
      { name: 'edge', country: 'X-Edge-Country', region: 'X-Edge-Subdivision', regionFormat: 'iso', city: 'X-Edge-City', lat: 'X-Edge-Lat', lon: 'X-Edge-Lon' },
    ];

    it('reads the configured headers, in any case', () => {
      assert.deepEqual(geoOf({ 'x-edge-country': 'jp', 'X-EDGE-SUBDIVISION': 'jp-13', 'x-edge-city': 'Tokyo', 'x-edge-lat': '35.68', 'x-edge-lon': '139.69' }, mapping),
        { country: 'JP', region: 'JP-13', city: 'Tokyo', lat: 35.68, lon: 139.69 });
    });

    it('no longer reads the default headers', () => {
      assert.equal(geoOf({ 'cf-ipcountry': 'US' }, mapping), undefined);
    });

    it('derives no geo at all when empty', () => {
      assert.equal(geoOf({ 'cf-ipcountry': 'US', 'x-appengine-country': 'US' }, []), undefined);
    });
  });
});
