// A world map whose countries toggle in the rule's `geo.country in [...]` clause, with zoom and
// pan (buttons, wheel, drag, pinch) and the searchable list of every country beside it (below it
// on a phone). Each country, shape or dot, is a toggle named for screen readers; Enter or Space
// toggles it as a click does. The map is one stop of the Tab order (not 250): the arrow keys move
// between its countries in name order. A drag that moved the map is not also a click.

import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import { mapPointAt, panBy, WHOLE_WORLD, zoomAt, type MapView } from '../logic/map-view.ts';
import { CountryList } from './country-list.tsx';
import { drawMap, MAP_SIZE } from './map-drawing.ts';

const { width: WIDTH, height: HEIGHT } = MAP_SIZE;
/** Pointer travel (in CSS px) past which a press is a drag, not a click. */
const DRAG_SLOP = 5;
const STEP = 1.6;
/** Dots and strokes keep their size on screen whatever the zoom. */
const DOT_RADIUS = 5;

type Props = { selected: ReadonlySet<string>; onToggle: (code: string) => void };

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function GeoMap({ selected, onToggle }: Props) {
  const drawing = useMemo(drawMap, []);
  const view = useSignal<MapView>(WHOLE_WORLD);
  const svg = useRef<SVGSVGElement>(null);
  /** Pointers down on the map (for drag and pinch), where each was last, and whether this press moved the map. */
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef({ travelled: 0, moved: false });
  const v = view.value;
  /** The countries in the order the arrow keys visit them, and the one the Tab key enters the map at. */
  const order = useMemo(() => [...new Map([...drawing.shapes, ...drawing.dots].flatMap((c) => (c.code ? [[c.code, c.name] as const] : []))).entries()].sort((a, b) => a[1].localeCompare(b[1], 'en')).map(([code]) => code), [drawing]);
  const rover = useSignal<string | null>(null);
  const tabStop = rover.value ?? [...selected].find((c) => order.includes(c)) ?? order[0];
  const onKeys = (code: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(code);
    } else if (NEXT[e.key] !== undefined) {
      e.preventDefault();
      const next = order[(order.indexOf(code) + NEXT[e.key]! + order.length) % order.length]!;
      rover.value = next;
      svg.current?.querySelector<SVGElement>(`[data-country="${next}"]`)?.focus();
    }
  };

  /** A client point in the SVG's units (the frame keeps the viewBox's aspect). */
  const frameScale = () => {
    const r = svg.current!.getBoundingClientRect();
    return { r, s: WIDTH / r.width };
  };
  const toFrame = (clientX: number, clientY: number): [number, number] => {
    const { r, s } = frameScale();
    return [(clientX - r.left) * s, (clientY - r.top) * s];
  };
  const zoomBy = (factor: number, at: [number, number] = [WIDTH / 2, HEIGHT / 2]) => (view.value = zoomAt(view.value, factor, at[0], at[1], MAP_SIZE));
  const pan = (dx: number, dy: number) => (view.value = panBy(view.value, dx, dy, MAP_SIZE));

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    zoomBy(Math.exp(-e.deltaY / 300), toFrame(e.clientX, e.clientY));
  };
  const onPointerDown = (e: PointerEvent) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) gesture.current = { travelled: 0, moved: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    const last = pointers.current.get(e.pointerId);
    if (!last) return;
    const { s } = frameScale();
    if (pointers.current.size >= 2) {
      // Pinch: the distance between two fingers scales the map around their midpoint, which the map follows.
      const [a, b] = [...pointers.current.entries()];
      const other = a![0] === e.pointerId ? b![1] : a![1];
      const before = Math.hypot(last.x - other.x, last.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      const mid = toFrame((e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
      if (before > 0) view.value = zoomAt(view.value, after / before, mid[0], mid[1], MAP_SIZE);
      pan(((e.clientX - last.x) / 2) * s, ((e.clientY - last.y) / 2) * s);
      gesture.current.moved = true;
    } else {
      gesture.current.travelled += Math.hypot(e.clientX - last.x, e.clientY - last.y);
      if (gesture.current.travelled > DRAG_SLOP) {
        if (!gesture.current.moved) svg.current?.setPointerCapture(e.pointerId);
        gesture.current.moved = true;
        pan((e.clientX - last.x) * s, (e.clientY - last.y) * s);
      }
    }
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };
  const onPointerEnd = (e: PointerEvent) => pointers.current.delete(e.pointerId);
  /** A click ends a press that did not move the map. */
  const click = (code: string) => () => {
    if (!gesture.current.moved) onToggle(code);
  };
  const [centreX, centreY] = mapPointAt(v, WIDTH / 2, HEIGHT / 2);

  return (
    <div class="geo-map">
      <div class="map-frame">
        <svg ref={svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} class="map" role="group" aria-label="World map: select countries (arrow keys move between them)" data-zoom={v.k.toFixed(2)} data-centre={`${centreX.toFixed(0)},${centreY.toFixed(0)}`}
          onWheel={onWheel} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerEnd} onPointerCancel={onPointerEnd}>
          <g transform={`translate(${v.x} ${v.y}) scale(${v.k})`}>
            {drawing.shapes.map((c) => c.code === undefined
              ? <path d={c.d} class="country unavailable" aria-hidden="true" />
              : <path d={c.d} class={`country${selected.has(c.code) ? ' selected' : ''}`} role="checkbox" tabindex={c.code === tabStop ? 0 : -1} aria-checked={selected.has(c.code) ? 'true' : 'false'} aria-label={`${c.name} (${c.code})`} data-country={c.code} onClick={click(c.code)} onKeyDown={onKeys(c.code)} onFocus={() => (rover.value = c.code!)}>
                <title>{`${c.name} (${c.code})`}</title>
              </path>)}
            {drawing.dots.map((c) => (
              <circle cx={c.x} cy={c.y} r={DOT_RADIUS / v.k} class={`country dot${selected.has(c.code) ? ' selected' : ''}`} role="checkbox" tabindex={c.code === tabStop ? 0 : -1} aria-checked={selected.has(c.code) ? 'true' : 'false'} aria-label={`${c.name} (${c.code})`} data-country={c.code} onClick={click(c.code)} onKeyDown={onKeys(c.code)} onFocus={() => (rover.value = c.code)}>
                <title>{`${c.name} (${c.code})`}</title>
              </circle>
            ))}
          </g>
        </svg>
        <div class="map-controls" role="group" aria-label="Zoom and move the map">
          <button type="button" aria-label="Zoom in" onClick={() => zoomBy(STEP)}>+</button>
          <button type="button" aria-label="Zoom out" disabled={v.k <= 1} onClick={() => zoomBy(1 / STEP)}>−</button>
          <button type="button" aria-label="Move left" onClick={() => pan(WIDTH / 5, 0)}>←</button>
          <button type="button" aria-label="Move up" onClick={() => pan(0, HEIGHT / 5)}>↑</button>
          <button type="button" aria-label="Move down" onClick={() => pan(0, -HEIGHT / 5)}>↓</button>
          <button type="button" aria-label="Move right" onClick={() => pan(-WIDTH / 5, 0)}>→</button>
          <button type="button" disabled={v.k === 1} onClick={() => (view.value = WHOLE_WORLD)}>Whole world</button>
        </div>
      </div>
      <CountryList selected={selected} onToggle={onToggle} />
    </div>
  );
}
