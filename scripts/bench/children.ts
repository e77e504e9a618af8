// What the benchmarks that run the product in child processes share: an environment without the
// caller's Switchyard or Upstash settings (each run sets its own), and starting several children
// at once, stopping the started ones if any fails.

/**
 * The environment of product instances on the started services (Firestore emulator, Redis through
 * the Upstash proxy), with the per-key limiter out of the way: the benchmarks measure caching and
 * freshness, not limits. `extra` adds what one benchmark needs.
 */
export function productEnv(services: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...cleanEnv(),
    ...services,
    METADATA_SERVER_DETECTION: 'none',
    SWITCHYARD_STORE: 'firestore',
    SWITCHYARD_STAGE: 'test',
    SWITCHYARD_RATE_PER_SECOND: '1000000',
    SWITCHYARD_RATE_BURST: '1000000',
    ...extra,
  };
}

/** This process's environment without any Switchyard or Upstash setting of the caller's: each run sets its own. */
function cleanEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(SWITCHYARD_|UPSTASH_)/.test(e[0])));
}

export async function startAll<T extends { readonly stop: () => Promise<void> }>(count: number, start: () => Promise<T>): Promise<T[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, start));
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((i) => i.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return running;
}
