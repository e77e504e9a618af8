// The named value domains an attribute definition may declare (`domain` in the catalogue), apart
// from their tables so the schema can name them without loading the tables.

export const VALUE_DOMAINS = ['country', 'region', 'device-type', 'browser', 'os'] as const;
export type ValueDomainName = (typeof VALUE_DOMAINS)[number];
