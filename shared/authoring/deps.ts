// What the authoring functions (validate and preview) depend on: admin keys, the flag store, the
// environment used when a request names none, the console's origins and a clock.

import type { KeyLookup } from '../http/auth.ts';
import type { AuthGuard } from '../http/auth-guard.ts';
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
};
