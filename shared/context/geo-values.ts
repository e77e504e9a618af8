// Normalising one geo header value each: anything that does not look right is dropped, never thrown.

import type { RegionFormat } from './geo-mapping.ts';

// XX: Cloudflare's "no country"; T1: Cloudflare's Tor exit; ZZ: App Engine's and CLDR's "unknown".
const UNKNOWN_COUNTRIES = new Set(['XX', 'T1', 'ZZ']);
const MAX_CITY_CHARS = 128;

/** ISO 3166-1 alpha-2, upper case. */
export function normaliseCountry(value: string | undefined): string | undefined {
  const upper = value?.toUpperCase();
  return upper !== undefined && /^[A-Z]{2}$/.test(upper) && !UNKNOWN_COUNTRIES.has(upper) ? upper : undefined;
}

const ISO_REGION = /^([A-Z]{2})-([A-Z0-9]{1,3})$/;

function splitRegion(upper: string, format: RegionFormat, country: string | undefined): [string, string] | undefined {
  // A value with the dash is unambiguous whatever the source's format, so it is always accepted.
  const iso = ISO_REGION.exec(upper);
  if (iso) return [iso[1] as string, iso[2] as string];
  if (format === 'cldr') {
    const cldr = /^([A-Z]{2})([A-Z0-9]{1,4})$/.exec(upper);
    return cldr ? [cldr[1] as string, cldr[2] as string] : undefined;
  }
  return format === 'code' && country !== undefined && /^[A-Z0-9]{1,3}$/.test(upper) ? [country, upper] : undefined;
}

/** ISO 3166-2 ("US-CA"), upper case: a subdivision code alone means nothing without its country. */
export function normaliseRegion(value: string | undefined, format: RegionFormat, country: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parts = splitRegion(value.toUpperCase(), format, country);
  if (parts === undefined) return undefined;
  const [prefix, code] = parts;
  // A region in another country than the source's own is inconsistent: keep neither guess.
  if (country !== undefined && prefix !== country) return undefined;
  return normaliseCountry(prefix) === undefined ? undefined : `${prefix}-${code}`;
}

function decodePercent(text: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function decodeLatin1Utf8(text: string): string {
  // Node hands header bytes over as latin1, so a UTF-8 "München" arrives as "MÃ¼nchen".
  if (!/[\x80-\xff]/.test(text) || /[^\x00-\xff]/.test(text)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/** The city name as the source gives it (case kept), percent- and UTF-8-decoded. */
export function normaliseCity(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const city = decodeLatin1Utf8(decodePercent(value)).trim();
  // "?" is App Engine's "unknown city"; control characters mean the value is not a name.
  if (city === '' || city === '?' || city.length > MAX_CITY_CHARS || /[\x00-\x1f\x7f]/.test(city)) return undefined;
  return city;
}

const DECIMAL = /^[+-]?\d{1,3}(\.\d{1,15})?$/;

function parseDegrees(value: string | undefined, limit: number): number | undefined {
  const text = value?.trim();
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const degrees = Number(text);
  return Math.abs(degrees) <= limit ? degrees : undefined;
}

/** Both coordinates or neither; 0,0 is App Engine's "unknown", not a place anyone lives. */
export function normaliseLatLon(lat: string | undefined, lon: string | undefined): { lat: number; lon: number } | undefined {
  const la = parseDegrees(lat, 90);
  const lo = parseDegrees(lon, 180);
  if (la === undefined || lo === undefined || (la === 0 && lo === 0)) return undefined;
  return { lat: la, lon: lo };
}

/** "37.386051,-122.083851" as sent by App Engine and the load balancer's `{client_city_lat_long}`. */
export function splitLatLong(value: string | undefined): [string | undefined, string | undefined] {
  const parts = value?.split(',');
  return parts?.length === 2 ? [parts[0], parts[1]] : [undefined, undefined];
}
