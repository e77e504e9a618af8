// The library's heading and its actions on the whole environment: new flag, export, import.

import { useApp } from '../app-state.ts';
import type { LibraryState } from './library-state.ts';

export function LibraryToolbar({ library }: { library: LibraryState }) {
  const { environment, canEdit } = useApp();
  const edit = canEdit.value;
  const importFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void library.importing.chooseFile(file);
  };
  return (
    <div class="toolbar">
      <h1>{'Flags '}<span class="muted">{`in ${environment.value}`}</span></h1>
      <div class="actions">
        {edit ? <button class="primary" onClick={() => (library.creating.value = true)}>New flag</button> : null}
        <button onClick={() => void library.exportAll()}>Export JSON</button>
        {edit ? <label class="button" for="import-file">Import JSON</label> : null}
        {edit ? <input id="import-file" type="file" accept="application/json,.json" class="visually-hidden" onChange={importFile} /> : null}
      </div>
    </div>
  );
}
