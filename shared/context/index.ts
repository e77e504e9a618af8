// The public API of context enrichment: what the evaluate and preview functions use.

export { enrichContext, sourcesFor, type DerivedSources, type EnrichOptions } from './enrich.ts';
export { DERIVED_ATTRIBUTES } from './attributes.ts';
export {
  DEFAULT_GEO_HEADERS, GeoHeaderMappingSchema, GeoSourceSchema, REGION_FORMATS, readGeoHeaders,
  type GeoHeaderMapping, type GeoHeadersResult, type GeoSource, type RegionFormat,
} from './geo-mapping.ts';
export { MAX_HEADER_CHARS, type RequestHeaders } from './headers.ts';
export { CLIENT_HINT_HEADERS, DEVICE_TYPES, createUserAgentReader, type UserAgentReader } from './user-agent.ts';
