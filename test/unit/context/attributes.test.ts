// DERIVED_ATTRIBUTES: a valid catalogue that lists exactly what enrichment can add.

import assert from 'node:assert/strict';
import { DERIVED_ATTRIBUTES, enrichContext } from '../../../shared/context/index.ts';
import { AttributeDefinitionSchema } from '../../../shared/rules/index.ts';

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, v]) => leafPaths(v, prefix ? `${prefix}.${key}` : key));
}

describe('DERIVED_ATTRIBUTES', () => {
  it('is a valid attribute catalogue with a description for each entry', () => {
    for (const attribute of DERIVED_ATTRIBUTES) {
      assert.ok(AttributeDefinitionSchema.safeParse(attribute).success, attribute.name);
      assert.ok(attribute.description, attribute.name);
    }
  });

  it('lists every attribute enrichment adds, with its type', () => {
    const out = enrichContext({}, { headers: {
      'x-appengine-country': 'US', 'x-appengine-region': 'ca', 'x-appengine-city': 'mountain view', 'x-appengine-citylatlong': '37.38,-122.08',
      'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
    } }, { now: Date.parse('2026-03-10T12:00:00Z') });
    const byName = new Map(DERIVED_ATTRIBUTES.map((a) => [a.name, a.type]));
    const paths = leafPaths(out);
    assert.deepEqual(new Set(paths), new Set([...byName.keys()].filter((name) => name !== 'geo')));
    for (const path of paths) {
      const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], out);
      const type = byName.get(path);
      const expected = type === 'date' ? 'string' : type;
      assert.equal(typeof value, expected, path);
    }
  });
});
