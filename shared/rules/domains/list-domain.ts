// What a value domain answers, and the domain of a list of values (device types, browser and OS
// names, a catalogue's allowed values).

import { foldName } from './countries.ts';
import { nearestOf } from './nearest.ts';

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

export const KNOWN: ValueVerdict = { known: true };
const UNKNOWN: ValueVerdict = { known: false };
export const suggest = (suggestion: string | undefined): ValueVerdict => (suggestion === undefined ? UNKNOWN : { known: false, suggestion });

/** `make()` on the first call, its result every call after: tables are indexed when first used, not at load. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * A domain of listed values: exact, then differing in case, then a known alias, then the same
 * letters and digits ("mobile-chrome"), then the nearest spelling within the typo budget.
 */
export function listDomain(values: readonly string[], expected: string, aliases: Readonly<Record<string, string>> = {}, alsoKnown?: (value: string) => boolean): ValueDomain {
  const exact = once(() => new Set(values));
  const byLower = once(() => new Map([...values].reverse().map((v) => [v.toLowerCase(), v])));
  const byFolded = once(() => new Map([...values].reverse().map((v) => [foldName(v), v])));
  // A catalogue's allowed values make a domain per clause, most never missed: indexed at the first miss.
  const nearest = once(() => nearestOf(values, (v) => v.toLowerCase()));
  return {
    expected,
    check(value, caseInsensitive, searchNearest = true) {
      if (exact().has(value) || alsoKnown?.(value)) return KNOWN;
      const cased = byLower().get(value.trim().toLowerCase());
      if (cased !== undefined) return caseInsensitive && cased.toLowerCase() === value.toLowerCase() ? KNOWN : suggest(cased);
      const folded = foldName(value);
      const alias = Object.hasOwn(aliases, folded) ? aliases[folded] : undefined;
      return suggest(alias ?? byFolded().get(folded) ?? (folded === '' || !searchNearest ? undefined : nearest()(value.toLowerCase())));
    },
  };
}
