// Saving the open flag: PUT with If-Match on the version the draft is based on; a refusal places
// its issues in the editor and says in words what happened (read only, someone saved meanwhile).

import { ApiError } from '../../api/client.ts';
import { SaveShape } from '../../api/shapes.ts';
import { clearDraft } from '../../logic/drafts.ts';
import { READ_ONLY_EXPLANATION } from '../../logic/key-role.ts';
import { relativeTo } from '../../logic/problems.ts';
import type { AppState } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { flagPath } from './load-flag.ts';

export async function saveFlag(app: AppState, editor: Editor, isNew: boolean): Promise<void> {
  if (!app.canEdit.value) return;
  const env = editor.environment;
  const flag = editor.draft.value;
  const comment = editor.comment.value.trim();
  try {
    const answer = await app.client.value.call('admin', flagPath(env, flag.key), SaveShape, { method: 'PUT', ifMatch: editor.version.value, body: { flag, ...(comment ? { comment } : {}) } });
    editor.reset(flag, answer.version);
    clearDraft(localStorage, env, flag.key);
    editor.comment.value = '';
    app.announce(`Saved ${flag.key}: version ${answer.version}`);
    if (isNew) app.go({ screen: 'editor', env, key: flag.key, isNew: false });
  } catch (err) {
    if (!(err instanceof ApiError)) return app.announce(`Not saved: ${(err as Error).message}`, 'error');
    editor.saveIssues.value = relativeTo(err.problem.errors ?? [], '/flag');
    if (err.status === 403 && !app.canEdit.value) return app.announce(`Not saved. ${READ_ONLY_EXPLANATION}`, 'error');
    const stale = err.status === 412 ? ` Someone saved version ${err.problem.currentVersion ?? '?'} meanwhile; reload to see it (your draft is kept).` : '';
    app.announce(`Not saved: ${err.message}.${stale}`, 'error');
  }
}
