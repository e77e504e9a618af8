// Value domains: what an attribute can hold (a country code, a browser name, a catalogue's allowed
// values), and for a value outside it the value meant ("de" -> "DE", "Germany" -> "DE",
// "chrme" -> "Chrome"). Pure tables and functions: validation warns with them, the console
// suggests and converts with them.

import { ALPHA3, COUNTRY_ALIASES, COUNTRY_NAMES, EXTRA_COUNTRY_CODES, foldName } from './countries.ts';
import { nearestOf } from './nearest.ts';
import { REGION_FORMAT, SUBDIVISION_NAMES, SUBDIVISIONS } from './regions.ts';
import { BROWSER_ALIASES, BROWSER_NAMES, DEVICE_TYPE_ALIASES, DEVICE_TYPES, isCrawlerName, OS_ALIASES, OS_NAMES } from './user-agent-names.ts';

/** The named domains an attribute definition may declare (`domain` in the catalogue). */
export const VALUE_DOMAINS = ['country', 'region', 'device-type', 'browser', 'os'] as const;
export type ValueDomainName = (typeof VALUE_DOMAINS)[number];

/** A value in the domain, or outside it with the value probably meant, when one is close enough. */
export type ValueVerdict = { readonly known: true } | { readonly known: false; readonly suggestion?: string };

export type ValueDomain = {
  /** What a value of the domain is, for messages: `an ISO 3166-1 alpha-2 country code ("DE")`. */
  readonly expected: string;
  /**
   * `caseInsensitive` as the clause has it: then a value differing only in case is in the domain.
   * `searchNearest: false` skips the one step whose cost grows with the domain (the nearest
   * spelling); case, aliases and names are still found.
   */
  readonly check: (value: string, caseInsensitive: boolean, searchNearest?: boolean) => ValueVerdict;
};

const KNOWN: ValueVerdict = { known: true };
const UNKNOWN: ValueVerdict = { known: false };
const suggest = (suggestion: string | undefined): ValueVerdict => (suggestion === undefined ? UNKNOWN : { known: false, suggestion });

/**
 * A domain of listed values: exact, then differing in case, then a known alias, then the same
 * letters and digits ("mobile-chrome"), then the nearest spelling within the typo budget.
 */
export function listDomain(values: readonly string[], expected: string, aliases: Readonly<Record<string, string>> = {}, alsoKnown?: (value: string) => boolean): ValueDomain {
  const exact = new Set(values);
  // Built at the first miss: a catalogue's allowed values make a domain per clause, most never missed.
  let nearest: ((value: string) => string | undefined) | undefined;
  const byLower = new Map<string, string>();
  const byFolded = new Map<string, string>();
  for (const value of values) {
    if (!byLower.has(value.toLowerCase())) byLower.set(value.toLowerCase(), value);
    if (!byFolded.has(foldName(value))) byFolded.set(foldName(value), value);
  }
  return {
    expected,
    check(value, caseInsensitive, searchNearest = true) {
      if (exact.has(value) || alsoKnown?.(value)) return KNOWN;
      const cased = byLower.get(value.trim().toLowerCase());
      if (cased !== undefined) return caseInsensitive && cased.toLowerCase() === value.toLowerCase() ? KNOWN : suggest(cased);
      const folded = foldName(value);
      const alias = Object.hasOwn(aliases, folded) ? aliases[folded] : undefined;
      return suggest(alias ?? byFolded.get(folded) ?? (folded === '' || !searchNearest ? undefined : (nearest ??= nearestOf(values, (v) => v.toLowerCase()))(value.toLowerCase())));
    },
  };
}

const COUNTRY_CODES = new Set([...Object.keys(COUNTRY_NAMES), ...Object.keys(EXTRA_COUNTRY_CODES)]);
const COUNTRY_BY_NAME: ReadonlyMap<string, string> = new Map([
  ...Object.entries({ ...COUNTRY_NAMES, ...EXTRA_COUNTRY_CODES }).map(([code, name]) => [foldName(name), code] as const),
  ...Object.entries(COUNTRY_ALIASES),
]);

const nearestCountryName = nearestOf(COUNTRY_BY_NAME.keys(), (name) => name);

/**
 * The country code an alpha-3 code ("DEU", "U.S.A."), a name (ISO's "Korea, Republic of" too), an alias or a
 * misspelt name stands for. Two letters are a code, never a typo of one.
 */
function countryFor(value: string, searchNearest = true): string | undefined {
  const folded = foldName(value);
  const alpha3 = ALPHA3[folded.toUpperCase()];
  if (alpha3 !== undefined) return alpha3;
  // ISO's formal names put the qualifier after a comma or in brackets: "Bolivia (Plurinational State of)".
  const head = /^([^,(]+)[,(]/.exec(value)?.[1];
  const named = COUNTRY_BY_NAME.get(folded) ?? (head === undefined ? undefined : COUNTRY_BY_NAME.get(foldName(head)));
  if (named !== undefined || folded.length < 4 || !searchNearest) return named;
  const near = nearestCountryName(folded);
  return near === undefined ? undefined : COUNTRY_BY_NAME.get(near);
}

const country: ValueDomain = {
  expected: 'an ISO 3166-1 alpha-2 country code in upper case ("DE")',
  check(value, caseInsensitive, searchNearest = true) {
    if (COUNTRY_CODES.has(value)) return KNOWN;
    const upper = value.trim().toUpperCase();
    if (COUNTRY_CODES.has(upper)) return caseInsensitive && upper === value.toUpperCase() ? KNOWN : suggest(upper);
    return suggest(countryFor(value, searchNearest));
  },
};

/** Whether `code` is a region code: the format, a country, and a listed subdivision where the country's are listed. */
function isRegion(code: string): boolean {
  const parts = REGION_FORMAT.exec(code);
  if (!parts || !COUNTRY_CODES.has(parts[1]!)) return false;
  const listed = SUBDIVISIONS[parts[1]!];
  return listed === undefined || listed.includes(parts[2]!);
}

/** The region meant by a value that is not one: wrong separator or none, a country's name or alias, a typo, or a bare subdivision of one listed country. */
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
    const listed = code === undefined ? undefined : SUBDIVISIONS[code];
    // Two characters are a code, never a typo of another (as with countries).
    const near = searchNearest && code !== undefined && listed && dashed[2]!.length > 2 ? nearestSubdivision[code]!(dashed[2]!) : undefined;
    if (near !== undefined) return `${code}-${near}`;
  }
  const owners = Object.entries(SUBDIVISIONS).filter(([, codes]) => codes.includes(upper));
  if (owners.length === 1) return `${owners[0]![0]}-${upper}`;
  return regionNamed(upper, searchNearest);
}

const REGION_BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(SUBDIVISION_NAMES).flatMap(([code, names]) => names.map((name) => [foldName(name), code] as const)),
);

const nearestRegionName = nearestOf(REGION_BY_NAME.keys(), (name) => name);
const nearestSubdivision = Object.fromEntries(Object.entries(SUBDIVISIONS).map(([country, codes]) => [country, nearestOf(codes, (c) => c)]));

/** The listed subdivision a name stands for ("California", "Bayern"), or a misspelling of one. */
function regionNamed(value: string, searchNearest: boolean): string | undefined {
  const folded = foldName(value);
  const named = REGION_BY_NAME.get(folded);
  if (named !== undefined || folded.length < 4 || !searchNearest) return named;
  const near = nearestRegionName(folded);
  return near === undefined ? undefined : REGION_BY_NAME.get(near);
}

const region: ValueDomain = {
  expected: 'an ISO 3166-2 region code in upper case, with its country ("US-CA")',
  check(value, caseInsensitive, searchNearest = true) {
    if (isRegion(value)) return KNOWN;
    const upper = value.trim().toUpperCase();
    if (isRegion(upper)) return caseInsensitive && upper === value.toUpperCase() ? KNOWN : suggest(upper);
    return suggest(regionFor(upper, searchNearest));
  },
};

// prettier-ignore
const DOMAINS = {
  'country':     country,
  'region':      region,
  'device-type': listDomain(DEVICE_TYPES, `a device type (${DEVICE_TYPES.join(', ')})`, DEVICE_TYPE_ALIASES),
  'browser':     listDomain(BROWSER_NAMES, 'a browser name as enrichment gives it ("Chrome", "Mobile Safari") or a crawler\'s ("Googlebot")', BROWSER_ALIASES, isCrawlerName),
  'os':          listDomain(OS_NAMES, 'an OS name as enrichment gives it ("iOS", "Android", "Windows", "macOS")', OS_ALIASES),
} as const satisfies Record<ValueDomainName, ValueDomain>;

export function valueDomain(name: ValueDomainName): ValueDomain {
  return DOMAINS[name];
}

/**
 * Values moved into a domain, for a condition whose attribute changed: each kept when it is in the
 * domain, replaced by the value meant when one is found, dropped otherwise ("Germany" -> "DE",
 * "pro" -> gone). Non-strings are dropped too: a domain holds strings.
 */
export function fitValues(domain: ValueDomain, values: readonly unknown[], caseInsensitive = false): string[] {
  const fitted = values.flatMap((value) => {
    if (typeof value !== 'string') return [];
    const verdict = domain.check(value, caseInsensitive);
    return verdict.known ? [value] : verdict.suggestion === undefined ? [] : [verdict.suggestion];
  });
  return [...new Set(fitted)];
}

export { COUNTRY_NAMES } from './countries.ts';
export { BROWSER_NAMES, DEVICE_TYPES, OS_NAMES } from './user-agent-names.ts';
