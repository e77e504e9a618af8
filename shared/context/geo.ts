// geo.country, geo.region, geo.city, geo.lat and geo.lon from the headers a proxy or platform adds.

import type { GeoHeaderMapping, GeoSource } from './geo-mapping.ts';
import { normaliseCity, normaliseCountry, normaliseLatLon, normaliseRegion, splitLatLong } from './geo-values.ts';
import type { HeaderReader } from './headers.ts';

export type GeoAttributes = { country?: string; region?: string; city?: string; lat?: number; lon?: number };

function fromSource(read: HeaderReader, source: GeoSource): GeoAttributes {
  const get = (name: string | undefined) => (name === undefined ? undefined : read(name));
  const country = normaliseCountry(get(source.country));
  const region = normaliseRegion(get(source.region), source.regionFormat ?? 'code', country);
  const city = normaliseCity(get(source.city));
  const [lat, lon] = source.latLong !== undefined ? splitLatLong(get(source.latLong)) : [get(source.lat), get(source.lon)];
  return { country, region, city, ...normaliseLatLon(lat, lon) };
}

/** Each attribute from the first source that has it; a source placing the client elsewhere is skipped. */
export function deriveGeo(read: HeaderReader, mapping: GeoHeaderMapping): GeoAttributes {
  const geo: GeoAttributes = {};
  for (const source of mapping) {
    const found = fromSource(read, source);
    const foundCountry = found.country ?? found.region?.slice(0, 2);
    // Sources disagree when one of them sees a proxy instead of the client: trust the earlier one.
    if (geo.country !== undefined && foundCountry !== undefined && foundCountry !== geo.country) continue;
    geo.country ??= foundCountry;
    geo.region ??= found.region;
    geo.city ??= found.city;
    if (geo.lat === undefined && found.lat !== undefined) {
      geo.lat = found.lat;
      geo.lon = found.lon;
    }
  }
  return Object.fromEntries(Object.entries(geo).filter(([, value]) => value !== undefined));
}
