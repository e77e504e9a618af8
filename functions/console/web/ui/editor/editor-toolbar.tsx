// The editor's heading (flag key and version) and its actions: undo, redo, comment, save.

import { hashOf } from '../../logic/route.ts';
import { useApp } from '../app-state.ts';
import { valueOf } from '../dom.ts';
import type { Editor } from '../editor-state.ts';

export function EditorToolbar({ editor, onSave }: { editor: Editor; onSave: () => void }) {
  const { canEdit } = useApp();
  const version = editor.version.value;
  return (
    <div class="toolbar">
      <div class="title">
        <h1>
          <a href={hashOf({ screen: 'library', env: editor.environment })} class="back" aria-label="Back to the flags">←</a>
          {' '}
          {editor.draft.value.key}
          <span class="muted">{version === 0 ? ' (new, not saved)' : ` version ${version}`}</span>
        </h1>
        {version === 0 ? null : <a href={hashOf({ screen: 'compare', env: editor.environment, key: editor.draft.value.key })}>Compare environments</a>}
      </div>
      {!canEdit.value ? <span class="badge read-only">Read only</span> : (
        <div class="actions">
          <button type="button" disabled={!editor.canUndo.value} onClick={editor.undo} aria-keyshortcuts="Control+Z">Undo</button>
          <button type="button" disabled={!editor.canRedo.value} onClick={editor.redo} aria-keyshortcuts="Control+Shift+Z">Redo</button>
          <label for="save-comment" class="visually-hidden">Change comment</label>
          <input id="save-comment" placeholder="What changed and why" value={editor.comment.value} onInput={(e: Event) => (editor.comment.value = valueOf(e))} />
          <button type="button" class="primary" onClick={onSave} disabled={!editor.dirty.value && version !== 0} aria-keyshortcuts="Control+S">Save</button>
        </div>
      )}
    </div>
  );
}
