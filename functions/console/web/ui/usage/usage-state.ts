// The Usage tab's state: the chosen range and the flag's minutes over it, from the admin API's
// usage route (the aggregator's rollups). Choosing ranges fast aborts the answer on its way.

import { batch, signal } from '@preact/signals';
import { isAborted } from '../../api/latest.ts';
import { UsageSeriesShape, type UsageSeriesAnswer } from '../../api/shapes.ts';
import { USAGE_RANGES, type UsageRange } from '../../logic/usage-series.ts';
import type { AppState } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { flagPath } from '../editor/load-flag.ts';

export function createUsageState(app: AppState, editor: Editor) {
  const range = signal<UsageRange>('24h');
  const answer = signal<UsageSeriesAnswer | null>(null);
  /** The range `answer` was read for: until a newly chosen range's answer arrives, the charts keep the last one's buckets. */
  const shown = signal<UsageRange>('24h');
  const error = signal<string | null>(null);
  const loading = signal(false);

  const load = async () => {
    // A flag never saved has no traffic yet.
    if (editor.version.peek() === 0) return void (answer.value = { from: 0, to: 0, evaluations: 0, minutes: [] });
    const wanted = range.value;
    const path = `${flagPath(editor.environment, editor.draft.peek().key)}/usage?minutes=${USAGE_RANGES[wanted].minutes}`;
    loading.value = true;
    try {
      const next = await app.requests.run('usage:flag', (abort) => app.client.value.call('admin', path, UsageSeriesShape, { signal: abort }));
      batch(() => {
        answer.value = next;
        shown.value = wanted;
        error.value = null;
      });
    } catch (err) {
      if (!isAborted(err)) error.value = (err as Error).message;
    } finally {
      loading.value = false;
    }
  };

  return {
    range,
    answer,
    shown,
    error,
    loading,
    load,
    choose(next: UsageRange) {
      if (range.value === next) return;
      range.value = next;
      void load();
    },
  };
}

export type UsageState = ReturnType<typeof createUsageState>;
