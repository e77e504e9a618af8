// Value domains: what an attribute can hold (a country code, a browser name, a catalogue's allowed
// values), and for a value outside it the value meant ("de" -> "DE", "Germany" -> "DE",
// "chrme" -> "Chrome"). Pure tables and functions, indexed at first use: validation warns with
// them, the console suggests and converts with them.

import { country } from './country.ts';
import { listDomain, type ValueDomain } from './list-domain.ts';
import type { ValueDomainName } from './names.ts';
import { region } from './region.ts';
import { BROWSER_ALIASES, BROWSER_NAMES, DEVICE_TYPE_ALIASES, DEVICE_TYPES, isCrawlerName, OS_ALIASES, OS_NAMES } from './user-agent-names.ts';

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

export { listDomain, type ValueDomain, type ValueVerdict } from './list-domain.ts';
export { VALUE_DOMAINS, type ValueDomainName } from './names.ts';
export { COUNTRY_NAMES } from './countries.ts';
export { BROWSER_NAMES, DEVICE_TYPES, OS_NAMES } from './user-agent-names.ts';
