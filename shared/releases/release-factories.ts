// Factories a composition root builds the releases with, from parts it already holds (no
// configuration read here, nothing kept between calls): the release store beside the flag store,
// and the minute run's release step beside the aggregator.

import type { Firestore } from '@google-cloud/firestore';
import type { FlagMinute } from '../aggregate/rollup-store.ts';
import type { ChangeFeed } from '../cache/change-feed.ts';
import type { Flag } from '../rules/index.ts';
import type { Repository } from '../store/document-ports.ts';
import { layout } from '../store/firestore/layout.ts';
import type { FlagStore } from '../store/ports.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';
import { createFirestoreReleaseStore } from './firestore-release-store.ts';
import { createMemoryReleaseStore } from './memory-release-store.ts';
import { monitoringGuardReader } from './monitoring-guard-reader.ts';
import type { ReleaseRunDeps } from './release-run.ts';
import type { ReleaseStore } from './release-store.ts';

/** The release step stops starting environments after this long, inside the minute the scheduler gives a run. */
export const RELEASE_BUDGET_MS = 10_000;

/**
 * On Firestore when there is a client; else in memory, writing flag steps through the given flag
 * repository (the embedded store's publishing one, so steps are announced like any write). One
 * per instance: the local product's admin (plans), evaluate (attribution) and aggregate (steps) share it.
 */
export function createReleaseStore(parts: { readonly firestore?: Firestore; readonly flags: Pick<Repository<Flag>, 'put'>; readonly flagStore: Pick<FlagStore, 'version'> }): ReleaseStore {
  if (parts.firestore) return createFirestoreReleaseStore(parts.firestore, layout(parts.firestore));
  return createMemoryReleaseStore({ flags: parts.flags, environmentExists: async (environment) => (await parts.flagStore.version(environment)) !== undefined });
}

export type ReleaseStepParts = {
  readonly releases: ReleaseStore;
  readonly flags: FlagStore;
  readonly rollups: { readonly environmentMinutes: (environment: string, from: number, to: number) => Promise<readonly FlagMinute[]> };
  /** Where Monitoring guards are read; without it they have no data and their plans hold. */
  readonly monitoring?: { readonly projectId: string; readonly endpoint?: string };
  readonly changes?: Pick<ChangeFeed, 'publish'>;
  readonly metrics: MetricsRecorder;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now?: () => number;
};

export function releaseStep(parts: ReleaseStepParts): ReleaseRunDeps {
  const now = parts.now ?? Date.now;
  const { changes, flags } = parts;
  return {
    releases: parts.releases,
    flags,
    figures: parts.rollups.environmentMinutes,
    ...(parts.monitoring ? { monitoring: monitoringGuardReader(parts.monitoring) } : {}),
    metrics: parts.metrics,
    log: parts.log,
    now,
    budgetMs: RELEASE_BUDGET_MS,
    ...(changes
      ? {
          announce: async (environment: string) => {
            const version = await flags.version(environment);
            if (version !== undefined) await changes.publish({ environment, version, at: now() });
          },
        }
      : {}),
  };
}
