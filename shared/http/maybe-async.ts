// Values that are ready now or later. PERFORMANCE NOTE: the Functions Framework runs every request
// in a domain, which hooks every promise created: a warm request whose key, rate limit and
// snapshot are all in memory creates none, and the same code still waits for a remote store.

export type MaybePromise<T> = T | Promise<T>;

/** `next(value)`, at once when the value is ready, after it resolves otherwise. */
export function then<T, U>(value: MaybePromise<T>, next: (ready: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
