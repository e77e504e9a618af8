// The open flag's history: its versions, the two chosen for the diff, and the diff between them.
// Choosing versions fast (radio after radio) aborts the diff on its way: only the last pair's shows.

import { batch, effect, signal } from '@preact/signals';
import { isAborted } from '../../api/latest.ts';
import { DiffShape, SaveShape, VersionsShape, type DiffAnswer, type PlannedChangeEvent, type VersionEntry } from '../../api/shapes.ts';
import type { DraftFlag } from '../../logic/flag-draft.ts';
import type { AppState } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { flagPath } from '../editor/load-flag.ts';

export function createHistoryState(app: AppState, editor: Editor) {
  const base = flagPath(editor.environment, editor.draft.peek().key);
  const versions = signal<readonly VersionEntry[] | null>(null);
  const events = signal<readonly PlannedChangeEvent[]>([]);
  const from = signal<number | null>(null);
  const to = signal<number | null>(null);
  const diff = signal<DiffAnswer | null>(null);
  const error = signal<string | null>(null);
  const fail = (err: unknown) => {
    if (!isAborted(err)) error.value = (err as Error).message;
  };

  const load = async () => {
    if (editor.version.value === 0) return void (versions.value = []);
    try {
      const answer = await app.requests.run('history:versions', (abort) => app.client.value.call('admin', `${base}/versions`, VersionsShape, { signal: abort }));
      const [latest, previous] = answer.versions;
      batch(() => {
        versions.value = answer.versions;
        events.value = answer.events ?? [];
        if (latest) to.value = latest.version;
        from.value = previous ? previous.version : 0;
      });
    } catch (err) {
      fail(err);
    }
  };

  return {
    versions,
    events,
    from,
    to,
    diff,
    error,
    /** Follows the editor's version (a save or a rollback adds one) and the chosen pair; returns the stop. */
    start(): () => void {
      const stopVersions = effect(() => {
        editor.version.value;
        void load();
      });
      const stopDiff = effect(() => {
        const f = from.value;
        const t = to.value;
        if (f === null || t === null) return;
        app.requests.run('history:diff', (abort) => app.client.value.call('admin', `${base}/diff?from=${f}&to=${t}`, DiffShape, { signal: abort })).then((d) => (diff.value = d), fail);
      });
      return () => {
        stopVersions();
        stopDiff();
      };
    },
    /** A version's document from the list (version 0: before the flag existed). */
    documentOf: (n: number) => versions.value?.find((v) => v.version === n)?.document,
    async rollback(version: number) {
      if (!confirm(`Roll back to version ${version}? This saves a new version equal to it.`)) return;
      try {
        const answer = await app.client.value.call('admin', `${base}/rollback`, SaveShape, { body: { version, comment: `rollback to version ${version}` }, ifMatch: editor.version.value });
        const entry = versions.value?.find((v) => v.version === version);
        editor.reset((entry?.document ?? editor.draft.value) as DraftFlag, answer.version);
        app.announce(`Rolled back to version ${version}: now version ${answer.version}`);
      } catch (err) {
        app.announce(`Rollback failed: ${(err as Error).message}`, 'error');
      }
    },
  };
}

export type HistoryState = ReturnType<typeof createHistoryState>;
