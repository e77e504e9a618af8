// The country domain: ISO 3166-1 alpha-2 codes, and the code meant by a lower-case code, an
// alpha-3 code, a name (CLDR's or ISO's formal one), an alias or a misspelt name.

import { ALPHA3, COUNTRY_ALIASES, COUNTRY_NAMES, EXTRA_COUNTRY_CODES, foldName } from './countries.ts';
import { KNOWN, once, suggest, type ValueDomain } from './list-domain.ts';
import { nearestOf } from './nearest.ts';

export const COUNTRY_CODES: ReadonlySet<string> = new Set([...Object.keys(COUNTRY_NAMES), ...Object.keys(EXTRA_COUNTRY_CODES)]);

const byName = once((): ReadonlyMap<string, string> => new Map([
  ...Object.entries({ ...COUNTRY_NAMES, ...EXTRA_COUNTRY_CODES }).map(([code, name]) => [foldName(name), code] as const),
  ...Object.entries(COUNTRY_ALIASES),
]));
const nearestName = once(() => nearestOf(byName().keys(), (name) => name));

/**
 * The country code an alpha-3 code ("DEU", "U.S.A."), a name (ISO's "Korea, Republic of" too),
 * an alias or a misspelt name stands for. Two letters are a code, never a typo of one.
 */
export function countryFor(value: string, searchNearest = true): string | undefined {
  const folded = foldName(value);
  const alpha3 = ALPHA3[folded.toUpperCase()];
  if (alpha3 !== undefined) return alpha3;
  // ISO's formal names put the qualifier after a comma or in brackets: "Bolivia (Plurinational State of)".
  const head = /^([^,(]+)[,(]/.exec(value)?.[1];
  const named = byName().get(folded) ?? (head === undefined ? undefined : byName().get(foldName(head)));
  if (named !== undefined || folded.length < 4 || !searchNearest) return named;
  const near = nearestName()(folded);
  return near === undefined ? undefined : byName().get(near);
}

export const country: ValueDomain = {
  expected: 'an ISO 3166-1 alpha-2 country code in upper case ("DE")',
  check(value, caseInsensitive, searchNearest = true) {
    if (COUNTRY_CODES.has(value)) return KNOWN;
    const upper = value.trim().toUpperCase();
    if (COUNTRY_CODES.has(upper)) return caseInsensitive && upper === value.toUpperCase() ? KNOWN : suggest(upper);
    return suggest(countryFor(value, searchNearest));
  },
};
