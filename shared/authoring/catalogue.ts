// The attribute catalogue of an environment: the attributes its admins defined, plus the ones
// context enrichment derives (geo, device, browser, os, time), each marked with its source.

import { DERIVED_ATTRIBUTES } from '../context/index.ts';
import type { AttributeDefinition } from '../rules/index.ts';

export type CatalogueEntry = AttributeDefinition & { readonly source: 'stored' | 'derived' };

/**
 * Stored definitions win over derived ones of the same name: an admin who describes `geo.country`
 * more narrowly (allowed values) means it for this environment.
 */
export function catalogueOf(stored: readonly AttributeDefinition[]): CatalogueEntry[] {
  const names = new Set(stored.map((a) => a.name));
  return [
    ...stored.map((a) => ({ ...a, source: 'stored' as const })),
    ...DERIVED_ATTRIBUTES.filter((a) => !names.has(a.name)).map((a) => ({ ...a, source: 'derived' as const })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** The catalogue as the rules module takes it (without the source marks). */
export function definitionsOf(entries: readonly CatalogueEntry[]): AttributeDefinition[] {
  return entries.map(({ source: _source, ...definition }) => definition);
}
