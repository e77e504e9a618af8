// The region domain: ISO 3166-2 codes with their country, and the code meant by a lower-case or
// glued one, a country's name before the dash, a typo, a bare subdivision code or a name.

import { COUNTRY_CODES, countryFor } from './country.ts';
import { foldName } from './countries.ts';
import { KNOWN, once, suggest, type ValueDomain } from './list-domain.ts';
import { nearestOf } from './nearest.ts';
import { REGION_FORMAT, SUBDIVISION_NAMES, SUBDIVISIONS } from './regions.ts';

/** Whether `code` is a region code: the format, a country, and a listed subdivision where the country's are listed. */
function isRegion(code: string): boolean {
  const parts = REGION_FORMAT.exec(code);
  if (!parts || !COUNTRY_CODES.has(parts[1]!)) return false;
  const listed = SUBDIVISIONS[parts[1]!];
  return listed === undefined || listed.includes(parts[2]!);
}

const byName = once((): ReadonlyMap<string, string> => new Map(
  Object.entries(SUBDIVISION_NAMES).flatMap(([code, names]) => names.map((name) => [foldName(name), code] as const)),
));
const nearestName = once(() => nearestOf(byName().keys(), (name) => name));
const nearestSubdivision = once(() => new Map(Object.entries(SUBDIVISIONS).map(([country, codes]) => [country, nearestOf(codes, (c) => c)])));

/** The listed subdivision a name stands for ("California", "Bayern"), or a misspelling of one. */
function regionNamed(value: string, searchNearest: boolean): string | undefined {
  const folded = foldName(value);
  const named = byName().get(folded);
  if (named !== undefined || folded.length < 4 || !searchNearest) return named;
  const near = nearestName()(folded);
  return near === undefined ? undefined : byName().get(near);
}

/** The region meant by an upper-cased value that is not one. */
function regionFor(upper: string, searchNearest: boolean): string | undefined {
  const separated = /^([A-Z]{2})[\s_./]([A-Z0-9]{1,3})$/.exec(upper);
  if (separated && isRegion(`${separated[1]}-${separated[2]}`)) return `${separated[1]}-${separated[2]}`;
  // Glued ("USCA", the load balancer's form) only where the country's codes are listed: "PRO" is not PR-O.
  const glued = /^([A-Z]{2})([A-Z0-9]{1,3})$/.exec(upper);
  if (glued && SUBDIVISIONS[glued[1]!] && isRegion(`${glued[1]}-${glued[2]}`)) return `${glued[1]}-${glued[2]}`;
  const dashed = /^(.+)-([A-Z0-9]{1,6})$/.exec(upper);
  if (dashed) {
    const code = COUNTRY_CODES.has(dashed[1]!) ? dashed[1]! : countryFor(dashed[1]!, searchNearest);
    if (code !== undefined && isRegion(`${code}-${dashed[2]}`)) return `${code}-${dashed[2]}`;
    // Two characters are a code, never a typo of another (as with countries).
    const near = searchNearest && code !== undefined && dashed[2]!.length > 2 ? nearestSubdivision().get(code)?.(dashed[2]!) : undefined;
    if (near !== undefined) return `${code}-${near}`;
  }
  const owners = Object.entries(SUBDIVISIONS).filter(([, codes]) => codes.includes(upper));
  if (owners.length === 1) return `${owners[0]![0]}-${upper}`;
  return regionNamed(upper, searchNearest);
}

export const region: ValueDomain = {
  expected: 'an ISO 3166-2 region code in upper case, with its country ("US-CA")',
  check(value, caseInsensitive, searchNearest = true) {
    if (isRegion(value)) return KNOWN;
    const upper = value.trim().toUpperCase();
    if (isRegion(upper)) return caseInsensitive && upper === value.toUpperCase() ? KNOWN : suggest(upper);
    return suggest(regionFor(upper, searchNearest));
  },
};
