// Bulk actions on the selected flags: enable, disable, copy to another environment, delete.

import { useApp } from '../app-state.ts';
import { valueOf } from '../dom.ts';
import type { LibraryState } from './library-state.ts';

export function BulkBar({ library }: { library: LibraryState }) {
  const { environment, environments } = useApp();
  const count = library.selected.value.size;
  const none = count === 0;
  return (
    <div class="bulk" role="group" aria-label="Bulk actions on selected flags">
      <span>{`${count} selected`}</span>
      <button disabled={none} onClick={() => void library.runBulk('enable')}>Enable</button>
      <button disabled={none} onClick={() => void library.runBulk('disable')}>Disable</button>
      <label for="copy-target" class="visually-hidden">Copy to environment</label>
      <select id="copy-target" value={library.copyTarget.value} onChange={(e: Event) => (library.copyTarget.value = valueOf(e))}>
        <option value="">Copy to…</option>
        {environments.value.filter((x) => x.key !== environment.value).map((x) => <option value={x.key}>{x.key}</option>)}
      </select>
      <button disabled={none || library.copyTarget.value === ''} onClick={() => void library.runBulk('copy')}>Copy</button>
      <button class="danger" disabled={none} onClick={() => void library.runBulk('delete')}>Delete</button>
    </div>
  );
}
