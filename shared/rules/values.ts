// How attribute values are read as numbers, instants, semvers and text: the coercions every
// operator shares, written once so the compiler and the interpreter cannot drift apart.

// Only the class: the package's index loads every range and comparison module (tens of ms at cold start).
import SemVer from 'semver/classes/semver.js';

/** `undefined` and `null` both mean "the attribute is missing". */
export function isMissing(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A finite number, or a string in JSON number syntax; anything else is not a number. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.length <= 64 && NUMERIC.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an RFC 3339 timestamp with an explicit offset; naive times are refused. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  let offsetMinutes = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - offsetMinutes * 60_000;
}

/** An instant: epoch milliseconds as a finite number, or an RFC 3339 string with an offset. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseRfc3339(value);
  return undefined;
}

/** SemVer 2.0.0, strictly; one leading `v` is accepted and ignored. */
export function parseSemver(value: unknown): SemVer | undefined {
  if (typeof value !== 'string' || value.length > 256) return undefined;
  const text = value.charCodeAt(0) === 118 /* v */ ? value.slice(1) : value;
  // The semver package trims whitespace and takes a "v" of its own; SemVer 2.0.0 allows neither.
  if (text.charCodeAt(0) === 118 || text.trim() !== text) return undefined;
  try {
    return new SemVer(text, { loose: false });
  } catch {
    return undefined;
  }
}

/** Case folding without locale and without Unicode normalisation. */
export function fold(text: string, caseInsensitive: boolean): string {
  return caseInsensitive ? text.toLowerCase() : text;
}

export type Scalar = string | number | boolean;

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Equality as every equality operator sees it: a string operand matches a string attribute
 * (folded when asked); a number operand matches a number or a numeric string; a boolean matches
 * only a boolean. No null-to-0, no booleans as numbers, no numbers as strings.
 */
export function scalarEquals(operand: Scalar, attribute: unknown, caseInsensitive: boolean): boolean {
  switch (typeof operand) {
    case 'string':
      return typeof attribute === 'string' && fold(attribute, caseInsensitive) === fold(operand, caseInsensitive);
    case 'number':
      return toNumber(attribute) === operand;
    default:
      return attribute === operand;
  }
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The `{ lat, lon }` of a geo attribute, numeric strings allowed, or undefined. */
export function toLatLon(value: unknown): { lat: number; lon: number } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const lat = toNumber(Object.hasOwn(record, 'lat') ? record.lat : undefined);
  const lon = toNumber(Object.hasOwn(record, 'lon') ? record.lon : undefined);
  if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

/** The text a unit hashes as: strings as they are, finite numbers as JavaScript prints them. */
export function toUnit(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
