// An unsaved draft of this flag from an earlier visit, offered back (or thrown away).

import type { Signal } from '@preact/signals';
import { clearDraft, type Draft } from '../../logic/drafts.ts';
import { formatDateTime } from '../../logic/dates.ts';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';

export function DraftNotice({ editor, draft }: { editor: Editor; draft: Signal<Draft | null> }) {
  const { canEdit } = useApp();
  const found = draft.value;
  if (!found || !canEdit.value) return null;
  return (
    <div class="notice" role="region" aria-label="Unsaved draft">
      {`An unsaved draft from ${formatDateTime(found.savedAt)} (based on version ${found.baseVersion}) exists. `}
      <button type="button" onClick={() => { editor.edit(found.flag); draft.value = null; }}>Restore draft</button>
      <button type="button" onClick={() => { clearDraft(localStorage, editor.environment, found.flag.key); draft.value = null; }}>Discard it</button>
    </div>
  );
}
