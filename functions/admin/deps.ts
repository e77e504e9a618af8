// What the admin function depends on (every store port, how keys are looked up, the console's
// origins and a clock: golden tests run at its time unless a test fixes its own), and its
// composition root, which builds them from the parsed configuration and the instance it runs in.

import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { keyLookup, type KeyLookup } from '../../shared/http/auth.ts';
import type { AuthGuard } from '../../shared/http/auth-guard.ts';
import { iapVerifier, remoteIapKeys, type IapVerifier } from '../../shared/http/iap.ts';
import type { KeyAdopter } from '../../shared/store/adopt-key.ts';
import type { AdminStores } from '../../shared/store/ports.ts';
import type { FlagMinute } from '../../shared/aggregate/rollup-store.ts';
import type { ReleaseStore } from '../../shared/releases/release-store.ts';
import type { Logger } from '../../shared/telemetry/logger.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import { authGuardFor, startInstance, type Instance } from '../../shared/wiring/instance.ts';

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
  /** The start of a flag's latest evaluated minute before a time, from the same rollups (the library's "not evaluated for 30 days"). */
  readonly lastUsed?: (environment: string, flag: string, before: number) => Promise<number | undefined>;
};

/** What the function is built with: its dependencies and the telemetry its requests are logged and counted with. */
export type AdminFunctionDeps = AdminDeps & { readonly telemetry: Telemetry };

/** Every port of the instance's store; keys are looked up uncached, so a revocation applies at once. */
export function adminDeps(config: RuntimeConfig, instance: Instance = startInstance(config, 'admin')): AdminFunctionDeps {
  const telemetry = instance.telemetry.of('admin');
  const { stores, adoptKey, rollups, releases } = instance.backends;
  return {
    stores,
    keys: bootstrapped(keyLookup(stores.keys), adoptAdminKey(config, adoptKey, telemetry.logger)),
    usage: rollups.flagMinutes,
    releases,
    lastUsed: rollups.lastFlagMinute,
    consoleOrigins: config.SWITCHYARD_CONSOLE_ORIGINS,
    now: Date.now,
    storeDeadlineMs: config.SWITCHYARD_STORE_DEADLINE_MS,
    guard: authGuardFor(config, true),
    ...(config.SWITCHYARD_IAP_AUDIENCE ? { iap: iapVerifier({ audience: config.SWITCHYARD_IAP_AUDIENCE, keys: remoteIapKeys(config.SWITCHYARD_IAP_KEYS_URL) }) } : {}),
    telemetry,
  };
}

/**
 * On Firestore, the admin key of SWITCHYARD_ADMIN_KEY (Terraform's secret) is registered at cold
 * start when the store lacks it: a fresh project has its first admin key without anyone writing
 * to the database by hand. A failure is logged; the key then simply does not work yet.
 */
function adoptAdminKey(config: Pick<RuntimeConfig, 'SWITCHYARD_ADMIN_KEY'>, adoptKey: KeyAdopter | undefined, log: Pick<Logger, 'info' | 'error'>): Promise<void> | undefined {
  if (!adoptKey || !config.SWITCHYARD_ADMIN_KEY) return undefined;
  return adoptKey(config.SWITCHYARD_ADMIN_KEY, { kind: 'admin', role: 'admin', name: 'bootstrap admin key (SWITCHYARD_ADMIN_KEY)' }, { actor: 'bootstrap' }).then(
    (outcome) => void (outcome === 'created' && log.info('registered the bootstrap admin key', {})),
    (error: unknown) => log.error('could not register the bootstrap admin key', { error: error instanceof Error ? error.message : String(error) }),
  );
}

/** Lookups wait for the bootstrap once (a cold start's first request), then go straight through. */
function bootstrapped(lookup: KeyLookup, ready: Promise<void> | undefined): KeyLookup {
  if (!ready) return lookup;
  let done = false;
  void ready.then(() => (done = true));
  return { find: (secret) => (done ? lookup.find(secret) : ready.then(() => lookup.find(secret))) };
}
