// Records keyed by what users name (flags, segments, variants, rules, metadata members): read and
// written as own properties only, so `constructor`, `toString` or `__proto__` are keys like any
// other and never reach Object.prototype.

/** The member `key` of `record` when it is its own, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `record[key]` as an own data property (`record[key] = v` with `__proto__` would set the prototype). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Adds `n` to the count under `key`. */
export function addCount(into: Record<string, number>, key: string, n: number): void {
  setOwn(into, key, (ownValue(into, key) ?? 0) + n);
}
