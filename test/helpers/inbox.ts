// Collects events as they arrive and lets a test wait for the next one (or one that matches) with a
// bounded timeout: tests wait on events, never on a sleep.

export type Inbox<T> = {
  readonly push: (item: T) => void;
  /** Everything received so far, in order. */
  readonly items: readonly T[];
  /** Resolves with the first item (already received or still to come) that `match` accepts. */
  readonly until: (match: (item: T) => boolean, timeoutMs?: number, what?: string) => Promise<T>;
};

export function inbox<T>(): Inbox<T> {
  const items: T[] = [];
  const waiters = new Set<(item: T) => void>();
  return {
    items,
    push: (item) => {
      items.push(item);
      for (const waiter of [...waiters]) waiter(item);
    },
    until: (match, timeoutMs = 5_000, what = 'an event') => {
      const found = items.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const waiter = (item: T) => {
          if (!match(item)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(item);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${what} within ${timeoutMs} ms (received ${items.length}: ${JSON.stringify(items.slice(-5))})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}

/** Calls `check` until it returns true, for conditions no event announces (a server-side count). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
