// What the authoring functions (validate and preview) depend on: admin keys, the flag store, the
// environment used when a request names none, the console's origins and a clock.

import type { KeyLookup } from '../http/auth.ts';
import type { AuthGuard } from '../http/auth-guard.ts';
import { workDeadline, type Clock, type WorkDeadline } from '../http/work-deadline.ts';
import type { FlagStore } from '../store/ports.ts';

export type AuthoringDeps = {
  readonly keys: KeyLookup;
  readonly flags: FlagStore;
  /** The environment whose segments, flags and catalogue a request sees without `?environment=`. */
  readonly defaultEnvironment: string;
  /** Browser origins allowed to call (the console's); nothing else gets CORS headers. */
  readonly consoleOrigins: readonly string[];
  readonly now: () => number;
  /** Failed-attempt throttling and each key's rate limit. */
  readonly guard?: AuthGuard;
  /** How long a request may spend running rules over its users or documents (default WORK_DEADLINE_MS). */
  readonly workDeadlineMs?: number;
  /** The monotonic clock deadlines read; tests pass a counter. */
  readonly workClock?: Clock;
};

/** 2 s: a preview of 10,000 typical users takes about 500 ms; past 2 s the console's user is waiting on a runaway flag. */
export const WORK_DEADLINE_MS = 2000;

/** The work deadline of one authoring request, started now (the deps' own length and clock, else the default). */
export function requestDeadline(deps: Pick<AuthoringDeps, 'workDeadlineMs' | 'workClock'>): WorkDeadline {
  return workDeadline(deps.workDeadlineMs ?? WORK_DEADLINE_MS, deps.workClock);
}
