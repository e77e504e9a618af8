// What a condition's value can be, as the console offers and corrects it: the domain of an
// attribute (its catalogue `domain`, or its `allowedValues` when those are all strings), the
// values a value input can offer from it, a warning's suggestion put in the value it is about,
// and the values carried over when a condition's attribute changes (kept, converted or cleared,
// said in one short line).

import { BROWSER_NAMES, COUNTRY_NAMES, DEVICE_TYPES, fitValues, listDomain, OPERATOR_SPECS, OS_NAMES, VALUE_DOMAINS, valueDomain, type Clause, type ValueDomain, type ValueDomainName } from '../../../../shared/rules/index.ts';

/** What the console knows of an attribute that bears on its values. */
export type ValueSource = { readonly name: string; readonly domain?: string | undefined; readonly allowedValues?: readonly (string | number | boolean)[] | undefined };

export type ValueOption = { readonly value: string; readonly label?: string };

const isDomainName = (name: string | undefined): name is ValueDomainName => (VALUE_DOMAINS as readonly string[]).includes(name ?? '');

const stringsOnly = (values: readonly (string | number | boolean)[] | undefined): string[] | undefined =>
  values && values.length > 0 && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;

/** The values an attribute can hold, or undefined when anything goes (or the allowed values are not all text). */
export function domainOf(attr: ValueSource | undefined): ValueDomain | undefined {
  if (attr === undefined) return undefined;
  if (isDomainName(attr.domain)) return valueDomain(attr.domain);
  const allowed = stringsOnly(attr.allowedValues);
  return allowed ? listDomain(allowed, `one of the allowed values of "${attr.name}"`) : undefined;
}

/** What a value input offers to pick from: countries by code with their names, the enrichment's names, the allowed values. */
export function valueOptions(attr: ValueSource | undefined): ValueOption[] | undefined {
  if (attr === undefined) return undefined;
  switch (attr.domain) {
    case 'country': return Object.entries(COUNTRY_NAMES).map(([value, label]) => ({ value, label }));
    case 'device-type': return DEVICE_TYPES.map((value) => ({ value }));
    case 'browser': return BROWSER_NAMES.map((value) => ({ value }));
    case 'os': return OS_NAMES.map((value) => ({ value }));
    default: return attr.allowedValues?.map((v) => ({ value: String(v) }));
  }
}

/**
 * A clause's value with a warning's suggestion put in: `relative` is the warning's path below the
 * clause's value (`''` for the value itself, `/2` for the third of a list).
 */
export function withSuggestion(value: unknown, relative: string, suggestion: string): unknown {
  if (relative === '') return suggestion;
  const index = /^\/(\d+)$/.exec(relative);
  if (!index || !Array.isArray(value)) return value;
  const i = Number(index[1]);
  const next = value.map((v, j) => (j === i ? suggestion : v));
  // A list holds each value once: the suggestion may already be in it ("de" next to "DE").
  return next.filter((v, j) => next.indexOf(v) === j);
}

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A clause whose attribute changed to `next`: its values fitted into the new attribute's domain
 * (each kept, converted to the value meant, or cleared) and a line saying what happened, or no
 * line when every value was kept or the new attribute takes any value.
 */
export function fitClauseToAttribute(clause: Clause, next: ValueSource | undefined): { clause: Clause; note?: string } {
  const domain = domainOf(next);
  if (domain === undefined || next === undefined || !OPERATOR_SPECS[clause.op].checksValues || !('value' in clause)) return { clause };
  const list = Array.isArray(clause.value);
  const before: unknown[] = list ? (clause.value as unknown[]) : clause.value === '' || clause.value === undefined ? [] : [clause.value];
  const fitted = fitValues(domain, before, clause.caseInsensitive === true);
  const converted: string[] = [];
  const cleared: string[] = [];
  before.forEach((v) => {
    if (typeof v === 'string' && fitted.includes(v)) return;
    const verdict = typeof v === 'string' ? domain.check(v, clause.caseInsensitive === true) : undefined;
    if (verdict && !verdict.known && verdict.suggestion !== undefined) converted.push(`${v} → ${verdict.suggestion}`);
    else cleared.push(shown(v));
  });
  if (converted.length === 0 && cleared.length === 0) return { clause };
  const value = list ? fitted : fitted[0] ?? '';
  const parts = [converted.length ? `converted ${converted.join(', ')}` : '', cleared.length ? `cleared ${cleared.join(', ')}, which it never holds` : ''].filter(Boolean);
  return { clause: { ...clause, value } as Clause, note: `Values for ${next.name}: ${parts.join('; ')}.` };
}
