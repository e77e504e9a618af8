// History: every version with who, when and why; a readable diff between any two; rollback to
// one (a new version equal to it, with If-Match on the current one).

import { useEffect, useMemo } from 'preact/hooks';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { DiffInWords } from './diff-in-words.tsx';
import { createHistoryState } from './history-state.ts';
import { PlannedChanges } from './planned-changes.tsx';
import { VersionsTable } from './versions-table.tsx';

export function HistoryPanel({ editor }: { editor: Editor }) {
  const app = useApp();
  const history = useMemo(() => createHistoryState(app, editor), [app, editor]);
  useEffect(() => history.start(), [history]);
  const versions = history.versions.value;
  if (versions === null) return <p>{history.error.value ?? 'Loading history…'}</p>;
  if (versions.length === 0) return <p>Not saved yet: history starts with the first save.</p>;
  return (
    <div class="history">
      <VersionsTable history={history} editor={editor} />
      <DiffInWords history={history} />
      <PlannedChanges history={history} />
    </div>
  );
}
