// The map's countries: every ISO 3166-1 code selectable (a shape of the 110m atlas, an overseas
// part split off, or a dot), the list's search, and zoom and pan that keep the world in its frame.

import assert from 'node:assert/strict';
import { COUNTRY_NAMES } from '../../../shared/rules/index.ts';
import { ALPHA2_OF_NUMERIC } from '../../../functions/console/web/logic/country-codes.ts';
import { COUNTRY_DOTS, OVERSEAS_PARTS } from '../../../functions/console/web/logic/country-dots.ts';
import { COUNTRY_LIST, searchCountries } from '../../../functions/console/web/logic/country-list.ts';
import { panBy, WHOLE_WORLD, zoomAt, MAX_ZOOM } from '../../../functions/console/web/logic/map-view.ts';

const SIZE = { width: 800, height: 400 };

describe('console country map', () => {
  it('draws every ISO 3166-1 country: a shape, an overseas part of one, or a dot, each once', () => {
    const shapes = Object.values(ALPHA2_OF_NUMERIC);
    const parts = Object.values(OVERSEAS_PARTS).flat().map((p) => p.code);
    const dots = Object.keys(COUNTRY_DOTS);
    const drawn = [...shapes, ...parts, ...dots];
    assert.equal(new Set(drawn).size, drawn.length, 'no code is drawn twice');
    assert.deepEqual(Object.keys(COUNTRY_NAMES).filter((code) => !drawn.includes(code)), []);
    assert.ok(dots.every((code) => code in COUNTRY_NAMES), 'every dot is an ISO code');
  });

  it('splits French Guiana from France and Svalbard from Norway by where their polygons lie', () => {
    assert.equal(OVERSEAS_PARTS.FR?.find((p) => p.holds(-53, 4))?.code, 'GF');
    assert.equal(OVERSEAS_PARTS.FR?.find((p) => p.holds(2, 47)), undefined, 'metropolitan France stays France');
    assert.equal(OVERSEAS_PARTS.FR?.find((p) => p.holds(9, 42)), undefined, 'Corsica stays France');
    assert.equal(OVERSEAS_PARTS.NO?.find((p) => p.holds(16, 79))?.code, 'SJ');
  });

  it('lists the 249 countries by name and finds them by code or by a word of the name', () => {
    assert.equal(COUNTRY_LIST.length, 249);
    assert.equal(COUNTRY_LIST[0]?.name, 'Afghanistan');
    assert.deepEqual(searchCountries(COUNTRY_LIST, 'mt').map((c) => c.code), ['MT']);
    assert.deepEqual(searchCountries(COUNTRY_LIST, 'Malta').map((c) => c.code), ['MT']);
    assert.ok(searchCountries(COUNTRY_LIST, 'cote').some((c) => c.code === 'CI'), 'accents aside');
    assert.ok(searchCountries(COUNTRY_LIST, 'guiana').some((c) => c.code === 'GF'));
    assert.equal(searchCountries(COUNTRY_LIST, '  ').length, 249);
  });

  it('zooms around the point under the pointer, and never past the whole world or the deepest zoom', () => {
    const zoomed = zoomAt(WHOLE_WORLD, 2, 400, 200, SIZE);
    assert.deepEqual(zoomed, { k: 2, x: -400, y: -200 }, 'the centre stays the centre');
    const corner = zoomAt(WHOLE_WORLD, 2, 0, 0, SIZE);
    assert.deepEqual(corner, { k: 2, x: 0, y: 0 }, 'the top left corner stays put');
    assert.deepEqual(zoomAt(zoomed, 0.1, 400, 200, SIZE), WHOLE_WORLD);
    assert.equal(zoomAt(WHOLE_WORLD, 1000, 0, 0, SIZE).k, MAX_ZOOM);
  });

  it('pans within the map\'s edges', () => {
    const zoomed = zoomAt(WHOLE_WORLD, 2, 400, 200, SIZE);
    assert.deepEqual(panBy(zoomed, 100, -50, SIZE), { k: 2, x: -300, y: -250 });
    assert.deepEqual(panBy(zoomed, 10_000, 10_000, SIZE), { k: 2, x: 0, y: 0 });
    assert.deepEqual(panBy(WHOLE_WORLD, 50, 50, SIZE), WHOLE_WORLD, 'the whole world does not move');
  });
});
