// What the admin function depends on: every store port, how keys are looked up, the console's
// origins and a clock (golden tests run at its time unless a test fixes its own).

import type { KeyLookup } from '../../shared/http/auth.ts';
import type { AuthGuard } from '../../shared/http/auth-guard.ts';
import type { IapVerifier } from '../../shared/http/iap.ts';
import type { AdminStores } from '../../shared/store/ports.ts';
import type { FlagMinute } from '../../shared/aggregate/rollup-store.ts';
import type { ReleaseStore } from '../../shared/releases/release-store.ts';

export type AdminDeps = {
  readonly stores: AdminStores;
  /** Straight through the store (no caching): a revoked admin key stops at once. */
  readonly keys: KeyLookup;
  readonly consoleOrigins: readonly string[];
  readonly now: () => number;
  /** How long a request waits for the store before answering 503 (Google's clients retry for a minute). */
  readonly storeDeadlineMs: number;
  /** With IAP configured (SWITCHYARD_IAP_AUDIENCE): the verified user is the actor of every write. */
  readonly iap?: IapVerifier;
  /** Failed-attempt throttling and each key's rate limit. */
  readonly guard?: AuthGuard;
  /** A flag's usage minutes in [from, to) from the aggregator's rollups; without it, usage is empty. */
  readonly usage?: (environment: string, flag: string, from: number, to: number) => Promise<readonly FlagMinute[]>;
  /** Release plans and scheduled changes (issue 17); without it, their routes are not served. */
  readonly releases?: ReleaseStore;
};
