// The searchable list of every ISO 3166-1 country beside the map: the rules module's 249 codes
// with their English names, in name order; a search matches a code exactly or any word of the
// name from its start, accents and case aside ("cote" finds Côte d'Ivoire, "de" finds Germany
// by its code and Denmark by its name).

import { COUNTRY_NAMES } from '../../../../shared/rules/index.ts';

export type CountryEntry = { readonly code: string; readonly name: string };

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export const COUNTRY_LIST: readonly CountryEntry[] = Object.entries(COUNTRY_NAMES)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

export function searchCountries(list: readonly CountryEntry[], query: string): CountryEntry[] {
  const q = fold(query.trim());
  if (q === '') return [...list];
  return list.filter((c) => c.code.toLowerCase() === q || fold(c.name).split(/[^a-z0-9]+/).some((word) => word.startsWith(q)) || fold(c.name).startsWith(q));
}

/** A country's name by code, for codes of the list and Kosovo (XK), which geo.country also holds. */
export function countryName(code: string, fallback?: string): string {
  return COUNTRY_NAMES[code] ?? (code === 'XK' ? 'Kosovo' : fallback ?? code);
}
