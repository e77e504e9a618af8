// A circuit breaker for a remote dependency (Redis): after `failures` consecutive failures it
// opens and refuses calls at once; after `coolDownMs` one probe is let through (half-open), and
// its outcome closes or re-opens it. Incidents are counted, and logged at most once per interval.

export type BreakerState = 'closed' | 'open' | 'half-open';

export type BreakerOptions = {
  /** Consecutive failures that open the breaker. */
  readonly failures: number;
  readonly coolDownMs: number;
  readonly now?: () => number;
  /** Called for every failure and refused call; see `createIncidentLog`. */
  readonly onIncident?: (kind: 'failure' | 'refused' | 'opened' | 'closed', error?: unknown) => void;
};

export class BreakerOpenError extends Error {
  constructor(name: string) {
    super(`${name}: circuit breaker open`);
  }
}

export type Breaker = {
  readonly state: () => BreakerState;
  /** Runs `call` unless the breaker is open; refused calls reject with BreakerOpenError. */
  readonly run: <T>(call: () => Promise<T>) => Promise<T>;
  /** Whether a call would be let through now (no probe is taken). */
  readonly available: () => boolean;
};

export function createBreaker(name: string, options: BreakerOptions): Breaker {
  const now = options.now ?? Date.now;
  let consecutive = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): BreakerState => (openedAt === undefined ? 'closed' : now() - openedAt >= options.coolDownMs ? 'half-open' : 'open');

  const succeed = () => {
    if (openedAt !== undefined) options.onIncident?.('closed');
    consecutive = 0;
    openedAt = undefined;
  };
  const fail = (error: unknown) => {
    consecutive++;
    options.onIncident?.('failure', error);
    if (openedAt !== undefined || consecutive >= options.failures) {
      if (openedAt === undefined) options.onIncident?.('opened', error);
      openedAt = now();
    }
  };

  return {
    state,
    available: () => state() === 'closed' || (state() === 'half-open' && !probing),
    run: async (call) => {
      const current = state();
      if (current === 'open' || (current === 'half-open' && probing)) {
        options.onIncident?.('refused');
        throw new BreakerOpenError(name);
      }
      probing = current === 'half-open';
      try {
        const result = await call();
        succeed();
        return result;
      } catch (error) {
        fail(error);
        throw error;
      } finally {
        probing = false;
      }
    },
  };
}

export type IncidentLog = {
  readonly note: (kind: string, error?: unknown) => void;
  /** Incidents noted since the start, by kind. */
  readonly counts: () => Readonly<Record<string, number>>;
};

/**
 * Counts incidents and writes one line per interval at most: the first incident of an interval is
 * logged with the counts since the previous line, so an outage is visible without flooding logs.
 */
export function createIncidentLog(dependency: string, options: { readonly intervalMs: number; readonly log: (message: string, fields: Record<string, unknown>) => void; readonly now?: () => number }): IncidentLog {
  const now = options.now ?? Date.now;
  const total: Record<string, number> = {};
  let sinceLine: Record<string, number> = {};
  let lastLine = -Infinity;
  return {
    note: (kind, error) => {
      total[kind] = (total[kind] ?? 0) + 1;
      sinceLine[kind] = (sinceLine[kind] ?? 0) + 1;
      if (now() - lastLine < options.intervalMs && kind !== 'opened' && kind !== 'closed') return;
      lastLine = now();
      options.log(`${dependency} ${kind}`, { dependency, incidents: sinceLine, ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }) });
      sinceLine = {};
    },
    counts: () => ({ ...total }),
  };
}
