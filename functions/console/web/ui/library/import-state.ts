// Import as a preview first: the chosen file is sent as a dry run, its answer shown (counts, each
// document added / changed with its diff in words / unchanged, golden tests that would fail), and
// only "Import N changes" writes, with the environment version the preview read as If-Match. A
// write in between makes the import 412: said plainly, with a new preview a click away. Cancel
// leaves everything as it was (the preview wrote nothing).

import { batch, computed, signal } from '@preact/signals';
import { ApiError } from '../../api/client.ts';
import { ImportPreviewShape, ImportShape, type ImportPreviewAnswer } from '../../api/shapes.ts';
import { importBodyOf, previewLines, type ImportBody, type PreviewLine } from '../../logic/import-preview.ts';
import type { AppState } from '../app-state.ts';

export type ImportPreview = { readonly fileName: string; readonly environment: string; readonly body: ImportBody; readonly answer: ImportPreviewAnswer; readonly lines: readonly PreviewLine[] };
export type ImportOutcome = { readonly environment: string; readonly written: number; readonly unchanged: number; readonly environmentVersion: number };
export type ImportPhase = 'idle' | 'previewing' | 'preview' | 'importing' | 'stale' | 'done';

const refusal = (err: unknown) => {
  const problem = err instanceof ApiError ? err.problem : undefined;
  const detail = problem?.errors?.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
  return `${(err as Error).message}${detail ? ` (${detail})` : ''}`;
};

/** `reload`: the library's list and the environments, after a write. */
export function createImportState(app: AppState, reload: () => Promise<unknown>) {
  const phase = signal<ImportPhase>('idle');
  const preview = signal<ImportPreview | null>(null);
  const outcome = signal<ImportOutcome | null>(null);
  /** Needed to import anyway when golden tests would fail (the import is then forced, with it as the reason). */
  const comment = signal('');
  const path = (env: string, dryRun: boolean) => `/v1/environments/${encodeURIComponent(env)}/import${dryRun ? '?dryRun=true' : ''}`;

  const runPreview = async (fileName: string, body: ImportBody) => {
    const environment = app.environment.value;
    batch(() => {
      phase.value = 'previewing';
      outcome.value = null;
    });
    try {
      const answer = await app.client.value.call('admin', path(environment, true), ImportPreviewShape, { body });
      batch(() => {
        preview.value = { fileName, environment, body, answer, lines: previewLines(answer.changes, body) };
        comment.value = '';
        phase.value = 'preview';
      });
    } catch (err) {
      batch(() => {
        preview.value = null;
        phase.value = 'idle';
      });
      app.announce(`Import of ${fileName} refused: ${refusal(err)}`, 'error');
    }
  };

  const changeCount = computed(() => {
    const s = preview.value?.answer.summary;
    return s ? s.added + s.changed : 0;
  });

  return {
    phase,
    preview,
    outcome,
    comment,
    changeCount,
    async chooseFile(file: File) {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        return app.announce(`${file.name} is not valid JSON`, 'error');
      }
      const body = importBodyOf(json);
      if (!body) return app.announce(`${file.name} holds no flags, segments or attributes to import`, 'error');
      await runPreview(file.name, body);
    },
    /** A new preview of the same file, after the environment changed under the last one. */
    previewAgain() {
      const p = preview.value;
      if (p) void runPreview(p.fileName, p.body);
    },
    cancel() {
      batch(() => {
        preview.value = null;
        phase.value = 'idle';
      });
      app.announce('Import cancelled: nothing was written');
    },
    async confirm() {
      const p = preview.value;
      if (!p || phase.value !== 'preview') return;
      const forced = (p.answer.goldenFailures?.length ?? 0) > 0;
      if (forced && comment.value.trim() === '') return app.announce('Say why the import goes ahead although golden tests would fail', 'error');
      phase.value = 'importing';
      try {
        const body = forced ? { ...p.body, comment: comment.value.trim() } : p.body;
        const answer = await app.client.value.call('admin', `${path(p.environment, false)}${forced ? '?force=true' : ''}`, ImportShape, { body, ifMatch: p.answer.environmentVersion });
        batch(() => {
          outcome.value = { environment: p.environment, written: answer.written.length, unchanged: answer.unchanged?.length ?? 0, environmentVersion: answer.environmentVersion };
          preview.value = null;
          phase.value = 'done';
        });
        app.announce(`Imported ${answer.written.length} documents into ${p.environment} (now version ${answer.environmentVersion})`);
        await reload();
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          phase.value = 'stale';
          return;
        }
        phase.value = 'preview';
        app.announce(`Import refused: ${refusal(err)}`, 'error');
      }
    },
    dismissOutcome() {
      batch(() => {
        outcome.value = null;
        phase.value = 'idle';
      });
    },
  };
}

export type ImportState = ReturnType<typeof createImportState>;
