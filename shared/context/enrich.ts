// enrichContext: the client's context plus what the request says about it, the client winning per attribute.

import { LIMITS, type Context } from '../rules/index.ts';
import { DEFAULT_GEO_HEADERS, type GeoHeaderMapping } from './geo-mapping.ts';
import { deriveGeo, type GeoAttributes } from './geo.ts';
import { headerReader, type RequestHeaders } from './headers.ts';
import { deriveTime } from './time.ts';
import { createUserAgentReader, type Leaves } from './user-agent.ts';

/** Which sources to derive: all by default; a caller that knows no rule reads one may skip it. */
export type DerivedSources = { readonly geo: boolean; readonly userAgent: boolean; readonly time: boolean };

export type EnrichOptions = { now: number; geoHeaders?: GeoHeaderMapping; sources?: DerivedSources };

const ALL_SOURCES: DerivedSources = { geo: true, userAgent: true, time: true };

/** The sources a set of attribute paths reads: `geo.*`, `device.*` / `browser.*` / `os.*`, `time.*`. */
export function sourcesFor(attributes: Iterable<string>): DerivedSources {
  let geo = false;
  let userAgent = false;
  let time = false;
  for (const path of attributes) {
    const top = path.split('.', 1)[0];
    if (top === 'geo') geo = true;
    else if (top === 'device' || top === 'browser' || top === 'os') userAgent = true;
    else if (top === 'time') time = true;
  }
  return { geo, userAgent, time };
}

// Also the order in which new top-level keys are added when the context is near its limit.
const DERIVED_KEYS = ['geo', 'device', 'browser', 'os', 'time'] as const;
type Derived = Partial<Record<(typeof DERIVED_KEYS)[number], Leaves>>;

const userAgents = createUserAgentReader();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the client sent for `top.leaf`: nested, or as the flat key the rules module also reads. */
function sent(context: Context, top: string, leaf: string): unknown {
  const nested = Object.hasOwn(context, top) ? context[top] : undefined;
  if (isObject(nested) && Object.hasOwn(nested, leaf)) return nested[leaf];
  return Object.hasOwn(context, `${top}.${leaf}`) ? context[`${top}.${leaf}`] : undefined;
}

/** Derived location leaves that contradict the client's own country or coordinates are dropped. */
function reconcileGeo(context: Context, geo: GeoAttributes): GeoAttributes {
  const country = sent(context, 'geo', 'country');
  const elsewhere = typeof country === 'string' && geo.country !== undefined && country.toUpperCase() !== geo.country;
  if (elsewhere) return {};
  // lat and lon are one fact: half of the client's pair and half of ours would be a third place.
  const clientCoordinates = sent(context, 'geo', 'lat') !== undefined || sent(context, 'geo', 'lon') !== undefined;
  if (!clientCoordinates) return geo;
  const { lat: _lat, lon: _lon, ...rest } = geo;
  return rest;
}

function mergeLeaves(context: Context, top: string, leaves: Leaves): Record<string, unknown> | undefined {
  const base = Object.hasOwn(context, top) ? context[top] : undefined;
  // A non-object the client sent under this key (`"geo": "DE"`) is the client's answer; keep it.
  if (base !== undefined && !isObject(base)) return undefined;
  const added = Object.entries(leaves).filter(([leaf]) => sent(context, top, leaf) === undefined);
  return added.length === 0 ? undefined : { ...base, ...Object.fromEntries(added) };
}

/**
 * The context to evaluate: the client's attributes untouched, plus geo, device, browser, os and time
 * attributes derived from the request and `now` wherever the client did not send that leaf.
 * Never mutates its input, never throws on any header value, and never adds a top-level key
 * past the context limit of 100 attributes.
 */
export function enrichContext(clientContext: Context, request: { headers: RequestHeaders }, options: EnrichOptions): Context {
  const sources = options.sources ?? ALL_SOURCES;
  if (!sources.geo && !sources.userAgent && !sources.time) return clientContext;
  const read = headerReader(request.headers);
  const derived: Derived = {
    ...(sources.geo ? { geo: reconcileGeo(clientContext, deriveGeo(read, options.geoHeaders ?? DEFAULT_GEO_HEADERS)) } : {}),
    ...(sources.userAgent ? userAgents.read(read) : {}),
    ...(sources.time ? { time: deriveTime(options.now) } : {}),
  };
  const out: Record<string, unknown> = { ...clientContext };
  let room = LIMITS.contextAttributes - Object.keys(clientContext).length;
  for (const top of DERIVED_KEYS) {
    const leaves = derived[top];
    if (leaves === undefined) continue;
    const isNew = !Object.hasOwn(clientContext, top);
    if (isNew && room <= 0) continue;
    const merged = mergeLeaves(clientContext, top, leaves);
    if (merged === undefined) continue;
    out[top] = merged;
    if (isNew) room -= 1;
  }
  return out;
}
