// A world map (world-atlas countries-110m drawn with d3-geo) whose countries toggle in the
// rule's `geo.country in [...]` clause. Each country is a focusable toggle named for screen
// readers; Enter or Space toggles it as a click does.

import { useMemo } from 'preact/hooks';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };
import { alpha2For } from '../logic/country-codes.ts';

type Country = { code: string | undefined; name: string; d: string };
const WIDTH = 800;
const HEIGHT = 400;

function drawCountries(): Country[] {
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], collection);
  const path = geoPath(projection);
  return collection.features.map((f: Feature<Geometry, { name: string }>) => ({ code: alpha2For(f.id, f.properties.name), name: f.properties.name, d: path(f) ?? '' }));
}

export function GeoMap({ selected, onToggle }: { selected: ReadonlySet<string>; onToggle: (code: string) => void }) {
  const countries = useMemo(drawCountries, []);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} class="map" role="group" aria-label="World map: select countries">
      {countries.map((c) => c.code === undefined
        ? <path d={c.d} class="country unavailable" aria-hidden="true" />
        : <path d={c.d} class={`country${selected.has(c.code) ? ' selected' : ''}`} role="checkbox" tabindex={0} aria-checked={selected.has(c.code) ? 'true' : 'false'} aria-label={`${c.name} (${c.code})`} data-country={c.code} onClick={() => onToggle(c.code!)} onKeyDown={(e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onToggle(c.code!); } }}>
        <title>{`${c.name} (${c.code})`}</title>
      </path>)}
    </svg>
  );
}
