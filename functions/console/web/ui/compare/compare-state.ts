// One flag in every environment, for the compare screen: read together (one request per
// environment, all aborted together when the screen or the reference environment changes), and
// the promotion under review, copied through the admin API's bulk copy once confirmed.

import { computed, signal } from '@preact/signals';
import { isAborted } from '../../api/latest.ts';
import { BulkShape, FlagListShape } from '../../api/shapes.ts';
import { compareRows, promotion, type Promotion, type StoredFlag } from '../../logic/environment-compare.ts';
import type { AppState } from '../app-state.ts';

export function createCompareState(app: AppState, key: string) {
  const flags = signal<readonly (readonly [string, StoredFlag])[] | null>(null);
  const error = signal<string | null>(null);
  /** The promotion shown for review; null when none is. */
  const review = signal<Promotion | null>(null);
  const busy = signal(false);

  const read = async () => {
    const c = app.client.value;
    const envs = app.environments.value.map((e) => e.key);
    // The list filtered by the key, not a GET of the flag: an environment without it is an empty
    // list, not a 404 to report.
    const answers = await app.requests.run('compare:flags', (abort) =>
      Promise.all(envs.map((env) => c.call('admin', `/v1/environments/${encodeURIComponent(env)}/flags?q=${encodeURIComponent(key)}`, FlagListShape, { signal: abort }))),
    );
    const found = answers.map((a, i) => [envs[i]!, (a.items.find((item) => item.key === key) ?? null) as StoredFlag] as const);
    flags.value = found;
    error.value = null;
    return found;
  };
  const fail = (err: unknown) => {
    if (!isAborted(err)) error.value = (err as Error).message;
  };

  return {
    flags,
    error,
    review,
    busy,
    rows: computed(() => (flags.value ? compareRows(flags.value, app.environment.value) : null)),
    async load() {
      review.value = null;
      try {
        await read();
      } catch (err) {
        fail(err);
      }
    },
    /** Reads every environment again, so the review shows the target as it is now. */
    async reviewPromotion(to: string) {
      const from = app.environment.value;
      try {
        const found = await read();
        const of = (env: string) => found.find(([e]) => e === env)?.[1] ?? null;
        review.value = promotion(from, of(from), to, of(to));
      } catch (err) {
        fail(err);
      }
    },
    async promote() {
      const p = review.value;
      if (!p) return;
      busy.value = true;
      try {
        const body = { action: 'copy', keys: [key], targetEnvironment: p.to, comment: `promoted from ${p.from}` };
        const answer = await app.client.value.call('admin', `/v1/environments/${encodeURIComponent(p.from)}/flags:bulk`, BulkShape, { body });
        const item = answer.items[0];
        if (!item || item.status >= 300) {
          app.announce(`Not promoted: ${item?.problem?.detail ?? item?.problem?.title ?? 'the copy was refused'}`, 'error');
          return;
        }
        review.value = null;
        app.announce(`Promoted ${key} from ${p.from} to ${p.to}: now version ${item.version ?? '?'} there`);
        await Promise.all([read(), app.loadEnvironments()]);
      } catch (err) {
        if (!isAborted(err)) app.announce(`Not promoted: ${(err as Error).message}`, 'error');
      } finally {
        busy.value = false;
      }
    },
  };
}

export type CompareState = ReturnType<typeof createCompareState>;
