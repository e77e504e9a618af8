// The outcome of the last bulk action, flag by flag.

import type { LibraryState } from './library-state.ts';

export function BulkResult({ library }: { library: LibraryState }) {
  const result = library.bulkResult.value;
  if (!result) return null;
  return (
    <section class="bulk-result" aria-label="Bulk results">
      <h2>{`Bulk ${result.action}: ${result.succeeded} succeeded, ${result.failed} failed`}</h2>
      <ul>
        {result.items.map((i) => (
          <li class={i.status < 300 ? 'ok' : 'error'}>
            <code>{i.key}</code>
            {` ${i.status} `}
            {i.problem ? i.problem.detail ?? i.problem.title : i.version !== undefined ? `version ${i.version}` : 'done'}
          </li>
        ))}
      </ul>
      <button onClick={() => (library.bulkResult.value = null)}>Dismiss</button>
    </section>
  );
}
