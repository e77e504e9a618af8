// Which request headers carry the client's location: the default mapping and its config schema.

import * as z from 'zod';

// RFC 9110 field-name token.
const HeaderNameSchema = z.string().min(1).max(64).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name');

/**
 * How a source writes the subdivision: `iso` "US-CA", `cldr` "USCA" (the country glued to the
 * code, as the Google Cloud load balancer's `{client_region_subdivision}`), `code` "CA" (the code
 * alone, read in the source's country, as `X-AppEngine-Region` and Cloudflare's `cf-region-code`).
 */
export const REGION_FORMATS = ['iso', 'cldr', 'code'] as const;
export type RegionFormat = (typeof REGION_FORMATS)[number];

export const GeoSourceSchema = z
  .strictObject({
    name: z.string().min(1).max(64),
    country: HeaderNameSchema.optional(),
    region: HeaderNameSchema.optional(),
    regionFormat: z.enum(REGION_FORMATS).optional(),
    city: HeaderNameSchema.optional(),
    /** One header holding "lat,lon". */
    latLong: HeaderNameSchema.optional(),
    lat: HeaderNameSchema.optional(),
    lon: HeaderNameSchema.optional(),
  })
  .refine((s) => s.country ?? s.region ?? s.city ?? s.latLong ?? s.lat ?? s.lon, 'a geo source names at least one header');
export type GeoSource = z.infer<typeof GeoSourceSchema>;

/** Geo sources in order of precedence: for each attribute the first source that has it wins. */
export const GeoHeaderMappingSchema = z.array(GeoSourceSchema).max(10);
export type GeoHeaderMapping = readonly GeoSource[];

/**
 * Cloudflare first because, when it fronts the load balancer, it is the only hop that sees the
 * client's own address; then the headers an operator configures on the Google Cloud external
 * Application Load Balancer (values `{client_region}`, `{client_region_subdivision}`,
 * `{client_city}`, `{client_city_lat_long}`); then App Engine's own.
 */
export const DEFAULT_GEO_HEADERS: GeoHeaderMapping = [
  { name: 'cloudflare', country: 'CF-IPCountry', region: 'CF-Region-Code', regionFormat: 'code', city: 'CF-IPCity', lat: 'CF-IPLatitude', lon: 'CF-IPLongitude' },
  { name: 'google-load-balancer', country: 'X-Client-Geo-Country', region: 'X-Client-Geo-Region', regionFormat: 'cldr', city: 'X-Client-Geo-City', latLong: 'X-Client-Geo-Lat-Long' },
  { name: 'app-engine', country: 'X-AppEngine-Country', region: 'X-AppEngine-Region', regionFormat: 'code', city: 'X-AppEngine-City', latLong: 'X-AppEngine-CityLatLong' },
];

export type GeoHeadersResult = { ok: true; mapping: GeoHeaderMapping } | { ok: false; message: string };

/** The mapping from `SWITCHYARD_GEO_HEADERS` (a JSON array of sources), or the default when unset. */
export function readGeoHeaders(env: Readonly<Record<string, string | undefined>>): GeoHeadersResult {
  const raw = env.SWITCHYARD_GEO_HEADERS;
  if (raw === undefined || raw.trim() === '') return { ok: true, mapping: DEFAULT_GEO_HEADERS };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `SWITCHYARD_GEO_HEADERS is not JSON: ${(error as Error).message}` };
  }
  const parsed = GeoHeaderMappingSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ');
    return { ok: false, message: `SWITCHYARD_GEO_HEADERS is not a list of geo sources: ${detail}` };
  }
  return { ok: true, mapping: parsed.data };
}
