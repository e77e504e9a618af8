// The preview of one open flag: the users run, the answer, the page shown, the one user whose
// trace was asked for, and the rollout estimate. A new run or a new "Why?" aborts the one before
// it (one request per purpose), so a slow answer never replaces a newer one.

import { batch, signal } from '@preact/signals';
import { isAborted } from '../../api/latest.ts';
import { EstimateShape, PreviewShape, SegmentListShape, type EstimateAnswer, type PreviewAnswer, type PreviewResult } from '../../api/shapes.ts';
import type { Condition } from '../../../../../shared/rules/index.ts';
import type { DraftFlag } from '../../logic/flag-draft.ts';
import type { AppState } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';

/** One clock for a preview and the traces asked of it, so a trace explains the row it sits next to. */
const previewNow = () => new Date().toISOString();

export function createPreviewState(app: AppState, editor: Editor) {
  const answer = signal<PreviewAnswer | null>(null);
  const users = signal<readonly Record<string, unknown>[]>([]);
  const page = signal(0);
  const chosen = signal<number | null>(null);
  const trace = signal<PreviewResult | null>(null);
  /** The flag the trace is of: the draft as it was when "Why?" was pressed. */
  const tracedFlag = signal<DraftFlag | null>(null);
  /** The environment's segments by key, read once for the first trace: the tree expands references. */
  const segments = signal<ReadonlyMap<string, Condition>>(new Map());
  let segmentsRead = false;
  const readSegments = async () => {
    if (segmentsRead) return;
    const env = encodeURIComponent(editor.environment);
    const answer = await app.requests.run('preview:segments', (abort) => app.client.value.call('admin', `/v1/environments/${env}/segments`, SegmentListShape, { signal: abort }));
    segments.value = new Map(answer.items.map((i) => [i.key, i.document.when as Condition]));
    segmentsRead = true;
  };
  const problems = signal<readonly string[]>([]);
  const estimate = signal<EstimateAnswer | null>(null);
  const path = (api: string) => `/v1/rules/${api}?environment=${encodeURIComponent(editor.environment)}`;
  const report = (err: unknown) => {
    if (!isAborted(err)) problems.value = [(err as Error).message];
  };
  return {
    answer,
    users,
    page,
    chosen,
    trace,
    tracedFlag,
    segments,
    problems,
    estimate,
    async run(list: Record<string, unknown>[]) {
      try {
        performance.mark('preview-start');
        // Without traces: a thousand traces are megabytes; one user's trace is fetched when asked for.
        const body = { flag: editor.draft.value, users: list, now: previewNow(), trace: false };
        const result = await app.requests.run('preview:users', (abort) => app.client.value.call('preview', path('preview'), PreviewShape, { body, signal: abort }));
        batch(() => {
          users.value = list;
          answer.value = result;
          page.value = 0;
          chosen.value = null;
          trace.value = null;
          problems.value = [];
        });
      } catch (err) {
        report(err);
      }
    },
    async explain(index: number) {
      batch(() => {
        chosen.value = index;
        trace.value = null;
      });
      try {
        const flag = editor.draft.value;
        const body = { flag, users: [users.value[index]], now: answer.value?.now, trace: true };
        const [one] = await Promise.all([
          app.requests.run('preview:trace', (abort) => app.client.value.call('preview', path('preview'), PreviewShape, { body, signal: abort })),
          // Without the definitions the tree still shows each segment's outcome, unexpanded.
          readSegments().catch(() => undefined),
        ]);
        batch(() => {
          tracedFlag.value = flag;
          trace.value = { ...one.results[0]!, index };
        });
      } catch (err) {
        report(err);
      }
    },
    async calculate(audience: number) {
      try {
        const sample = users.value.length ? { sampleUsers: users.value.slice(0, 10000) } : {};
        estimate.value = await app.client.value.call('preview', path('rollout-estimate'), EstimateShape, { body: { flag: editor.draft.value, audience, ...sample } });
      } catch (err) {
        report(err);
      }
    },
  };
}

export type PreviewState = ReturnType<typeof createPreviewState>;
