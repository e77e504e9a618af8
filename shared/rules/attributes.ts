// Reading an attribute out of a context by its dotted path, resolved once at compile time.

import type { Context } from './schema.ts';

export type AttributeReader = (context: Context) => unknown;

/** One own property of an object (undefined for anything else): what a path without dots reads. */
export function child(value: unknown, segment: string): unknown {
  // Own properties only, so `constructor` or `__proto__` never read the prototype chain.
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
  return (value as Record<string, unknown>)[segment];
}

/**
 * `geo.country` reads `context.geo.country`; when that is missing, a flat key named
 * `"geo.country"` is read instead, so enriched and hand-written contexts both work.
 */
export function readerFor(path: string): AttributeReader {
  const segments = path.split('.');
  if (segments.length === 1) return (context) => child(context, path);
  if (segments.length === 2) {
    const [first, second] = segments as [string, string];
    return (context) => {
      const nested = child(child(context, first), second);
      return nested === undefined ? child(context, path) : nested;
    };
  }
  return (context) => {
    let value: unknown = context;
    for (const segment of segments) value = child(value, segment);
    return value === undefined ? child(context, path) : value;
  };
}

export function readAttribute(context: Context, path: string): unknown {
  return readerFor(path)(context);
}
