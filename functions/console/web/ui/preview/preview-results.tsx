// The per-user results, 100 to a page, each with a "Why?" that asks for its trace.

import type { PreviewResult } from '../../api/shapes.ts';
import { show } from './format.ts';
import type { PreviewState } from './preview-state.ts';

const PAGE = 100;

function Pager({ preview, total }: { preview: PreviewState; total: number }) {
  const page = preview.page.value;
  return (
    <nav class="pager" aria-label="Result pages">
      <button type="button" disabled={page === 0} onClick={() => (preview.page.value = page - 1)}>Previous</button>
      <span>{` ${page * PAGE + 1}–${Math.min(total, (page + 1) * PAGE)} of ${total} `}</span>
      <button type="button" disabled={(page + 1) * PAGE >= total} onClick={() => (preview.page.value = page + 1)}>Next</button>
    </nav>
  );
}

export function PreviewResults({ preview, results }: { preview: PreviewState; results: readonly PreviewResult[] }) {
  const page = preview.page.value;
  const users = preview.users.value;
  const rows = results.slice(page * PAGE, (page + 1) * PAGE);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Per user</h2>
      <div class="table-wrap" tabIndex={0}>
        <table class="results">
          <thead><tr>{['#', 'targetingKey', 'Variant', 'Value', 'Reason', 'Rule', 'Trace'].map((t) => <th scope="col">{t}</th>)}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.index} class={preview.chosen.value === r.index ? 'chosen' : ''}>
                <td>{String(r.index + 1)}</td>
                <td>{String(users[r.index]?.targetingKey ?? '–')}</td>
                <td>{r.variant ?? '–'}</td>
                <td>{show(r.value)}</td>
                <td>{r.reason}{r.errorCode ? ` (${r.errorCode})` : ''}</td>
                <td>{r.ruleId ?? '–'}</td>
                <td><button type="button" aria-label={`Why? Trace of user ${r.index + 1}`} onClick={() => void preview.explain(r.index)}>Why?</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {results.length > PAGE ? <Pager preview={preview} total={results.length} /> : null}
    </section>
  );
}
