// The map's zoom and pan as a pure value: a scale `k` and a translation (x, y) in the SVG's own
// units, kept so the map always covers its frame (no zooming out past the whole world, no panning
// it out of sight). Wheel, pinch, drag and the buttons all go through these.

export type MapView = { readonly k: number; readonly x: number; readonly y: number };
export type MapSize = { readonly width: number; readonly height: number };

export const WHOLE_WORLD: MapView = { k: 1, x: 0, y: 0 };
/** Deep enough for Luxembourg or Singapore to be a fingertip wide on a phone. */
export const MAX_ZOOM = 48;

function clamp(view: MapView, size: MapSize): MapView {
  const k = Math.min(MAX_ZOOM, Math.max(1, view.k));
  const x = Math.min(0, Math.max(size.width - size.width * k, view.x));
  const y = Math.min(0, Math.max(size.height - size.height * k, view.y));
  return { k, x, y };
}

/** Zoomed by `factor` around the point (cx, cy) of the frame, which stays where it is. */
export function zoomAt(view: MapView, factor: number, cx: number, cy: number, size: MapSize): MapView {
  const k = Math.min(MAX_ZOOM, Math.max(1, view.k * factor));
  const ratio = k / view.k;
  return clamp({ k, x: cx - (cx - view.x) * ratio, y: cy - (cy - view.y) * ratio }, size);
}

/** Moved by (dx, dy) frame units, as a drag moves it. */
export function panBy(view: MapView, dx: number, dy: number, size: MapSize): MapView {
  return clamp({ k: view.k, x: view.x + dx, y: view.y + dy }, size);
}

/** The point of the map (before zoom) under a point of the frame. */
export function mapPointAt(view: MapView, fx: number, fy: number): [number, number] {
  return [(fx - view.x) / view.k, (fy - view.y) / view.k];
}
