// Which flags of the library have a release running (or paused) or a scheduled change pending.
// The admin API lists plans and schedules per flag only, so this asks per flag: plans only of flags
// with a split (a plan needs one), schedules of every flag shown, a few at a time, at most
// MAX_FLAGS flags; a new list (another environment) aborts the round still on its way.

import { signal } from '@preact/signals';
import { releaseCalls } from '../../api/releases.ts';
import type { LibraryItem } from '../../logic/flag-library.ts';
import { splitRules } from '../../logic/release-plan.ts';
import type { DraftFlag } from '../../logic/flag-draft.ts';
import type { AppState } from '../app-state.ts';

export type Planned = { readonly release?: 'running' | 'paused'; readonly pendingSchedules: number };

const MAX_FLAGS = 100;
const AT_ONCE = 4;

export function createPlannedChanges(app: AppState) {
  const byFlag = signal<ReadonlyMap<string, Planned>>(new Map());
  let round: AbortController | undefined;
  let shownEnv: string | undefined;

  const one = async (env: string, item: LibraryItem, abort: AbortSignal): Promise<Planned> => {
    const calls = releaseCalls(app.client.value, env, item.key);
    const hasSplit = splitRules(item.document as unknown as DraftFlag).length > 0;
    const [plans, schedules] = await Promise.all([hasSplit ? calls.plans(abort) : Promise.resolve([]), calls.schedules(abort)]);
    const open = plans.find((p) => p.status === 'running' || p.status === 'paused');
    return { ...(open ? { release: open.status as 'running' | 'paused' } : {}), pendingSchedules: schedules.filter((s) => s.status === 'pending').length };
  };

  return {
    byFlag,
    /** Looks up the flags (the first MAX_FLAGS); returns the abort. */
    follow(env: string, items: readonly LibraryItem[]): () => void {
      round?.abort();
      // Another environment's badges never sit next to this one's flags.
      if (env !== shownEnv) byFlag.value = new Map();
      shownEnv = env;
      const controller = (round = new AbortController());
      const queue = items.slice(0, MAX_FLAGS);
      const found = new Map<string, Planned>();
      const worker = async () => {
        for (let item = queue.shift(); item && !controller.signal.aborted; item = queue.shift()) {
          try {
            const planned = await one(env, item, controller.signal);
            if (planned.release || planned.pendingSchedules > 0) found.set(item.key, planned);
          } catch {
            /* a flag whose plans cannot be read shows no badge; its own tab says why */
          }
        }
      };
      void Promise.all(Array.from({ length: AT_ONCE }, worker)).then(() => {
        if (!controller.signal.aborted) byFlag.value = found;
      });
      return () => controller.abort();
    },
  };
}

export type PlannedChanges = ReturnType<typeof createPlannedChanges>;

/** The badges' words: `Release running`, `Release paused`, `1 change scheduled`. */
export function plannedWords(p: Planned): string[] {
  return [
    ...(p.release ? [`Release ${p.release}`] : []),
    ...(p.pendingSchedules > 0 ? [`${p.pendingSchedules} change${p.pendingSchedules === 1 ? '' : 's'} scheduled`] : []),
  ];
}
