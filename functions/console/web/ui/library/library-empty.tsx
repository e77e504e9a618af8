// What the library says when it shows no flag: none yet, or none matching the search.

import { useApp } from '../app-state.ts';
import type { LibraryState } from './library-state.ts';

export function LibraryEmpty({ library }: { library: LibraryState }) {
  const { environment } = useApp();
  const text = library.query.value.text.trim();
  return (
    <div class="empty" role="status">
      {library.items.value?.length === 0 ? (
        <p>{`No flags in ${environment.value} yet. `}<button type="button" class="link" onClick={() => (library.creating.value = true)}>Create the first one</button></p>
      ) : (
        <p>
          {text ? `No flags match "${text}"` : 'No flags match these filters'}
          {' with the filters chosen. '}
          <button type="button" class="link" onClick={library.clearQuery}>Clear search and filters</button>
        </p>
      )}
    </div>
  );
}
