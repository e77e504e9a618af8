// The world map's drawing, made once: the shapes of world-atlas countries-110m projected with
// d3-geo (Equal Earth), each under its ISO code, an overseas part that its country's shape merges
// (French Guiana in France's) split off under its own code, and a dot for each country the atlas
// is too coarse to draw (Malta, Singapore, ...).

import { geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };
import { alpha2For } from '../logic/country-codes.ts';
import { COUNTRY_DOTS, OVERSEAS_PARTS } from '../logic/country-dots.ts';
import { countryName } from '../logic/country-list.ts';

export const MAP_SIZE = { width: 800, height: 400 } as const;

export type MapShape = { readonly code: string | undefined; readonly name: string; readonly d: string };
export type MapDot = { readonly code: string; readonly name: string; readonly x: number; readonly y: number };
export type MapDrawing = { readonly shapes: readonly MapShape[]; readonly dots: readonly MapDot[] };

type Country = Feature<Geometry, { name: string }>;

/** A country's shape and the overseas parts it holds, each with its own code. */
function splitParts(code: string, f: Country): { code: string; geometry: Geometry }[] {
  const parts = OVERSEAS_PARTS[code];
  if (!parts || f.geometry.type !== 'MultiPolygon') return [{ code, geometry: f.geometry }];
  const groups = new Map<string, Polygon['coordinates'][]>();
  for (const polygon of (f.geometry as MultiPolygon).coordinates) {
    const [lon, lat] = geoCentroid({ type: 'Polygon', coordinates: polygon });
    const owner = parts.find((p) => p.holds(lon, lat))?.code ?? code;
    groups.set(owner, [...(groups.get(owner) ?? []), polygon]);
  }
  return [...groups].map(([owner, coordinates]) => ({ code: owner, geometry: { type: 'MultiPolygon', coordinates } }));
}

export function drawMap(): MapDrawing {
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const projection = geoEqualEarth().fitSize([MAP_SIZE.width, MAP_SIZE.height], collection);
  const path = geoPath(projection);
  const shapes = collection.features.flatMap((f: Country): MapShape[] => {
    const code = alpha2For(f.id, f.properties.name);
    if (code === undefined) return [{ code, name: f.properties.name, d: path(f) ?? '' }];
    return splitParts(code, f).map((part) => ({ code: part.code, name: countryName(part.code, f.properties.name), d: path(part.geometry) ?? '' }));
  });
  const dots = Object.entries(COUNTRY_DOTS).flatMap(([code, lonLat]): MapDot[] => {
    const at = projection([lonLat[0], lonLat[1]]);
    return at ? [{ code, name: countryName(code), x: at[0], y: at[1] }] : [];
  });
  return { shapes, dots };
}
