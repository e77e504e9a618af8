// The flag library: the list of the route's environment with search, filters and sort, bulk
// actions with a result per flag, import and export, and new flags from templates.

import { useEffect, useMemo } from 'preact/hooks';
import { useApp } from '../app-state.ts';
import { NewFlagDialog } from '../new-flag.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { BulkResult } from './bulk-result.tsx';
import { FlagTable } from './flag-table.tsx';
import { ImportPanel } from './import-panel.tsx';
import { LibraryEmpty } from './library-empty.tsx';
import { LibraryFilters } from './library-filters.tsx';
import { createLibraryState } from './library-state.ts';
import { LibraryToolbar } from './library-toolbar.tsx';

export function Library() {
  const app = useApp();
  const library = useMemo(() => createLibraryState(app), [app]);
  const env = app.environment.value;
  useEffect(() => library.open(), [library, env]);
  const items = library.items.value;
  return (
    <main id="main" class="library">
      <LibraryToolbar library={library} />
      <ImportPanel importing={library.importing} />
      <LibraryFilters library={library} />
      {app.canEdit.value ? <BulkBar library={library} /> : null}
      <BulkResult library={library} />
      {library.error.value ? <p class="error" role="alert">{library.error.value}</p> : null}
      {items === null ? <p>Loading flags…</p> : <FlagTable library={library} />}
      {items !== null && library.shown.value.length === 0 ? <LibraryEmpty library={library} /> : null}
      {library.creating.value ? (
        <NewFlagDialog
          templates={library.templates.value}
          taken={new Set((items ?? []).map((i) => i.key))}
          onClose={() => (library.creating.value = false)}
          onCreate={(key: string, template?: string) => app.go({ screen: 'editor', env, key, isNew: true, ...(template ? { template } : {}) })}
        />
      ) : null}
    </main>
  );
}
