// The diff between the two chosen versions, sentence by sentence, each with its JSON changes.

import { changesInWords } from '../../logic/change-words.ts';
import type { HistoryState } from './history-state.ts';

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

export function DiffInWords({ history }: { history: HistoryState }) {
  const diff = history.diff.value;
  if (!diff) return null;
  return (
    <section aria-labelledby="diff-title" class="diff">
      <h2 id="diff-title">{`Changes from version ${diff.from} to ${diff.to}`}</h2>
      {diff.changes.length === 0 ? <p>No differences.</p> : (
        <ul>
          {changesInWords(diff.changes, history.documentOf(diff.from), history.documentOf(diff.to)).map((w, n) => (
            <li class="change" key={n}>
              <span class="words">{w.text}</span>
              <details class="raw">
                <summary>JSON<span class="visually-hidden">{` of: ${w.text}`}</span></summary>
                <ul>
                  {w.changes.map((ch) => (
                    <li class={`change ${ch.op}`}>
                      <code>{ch.path}</code>
                      {` ${ch.op}`}
                      {ch.before !== undefined ? <div class="before"><span class="visually-hidden">{'before: '}</span>{'− '}{show(ch.before)}</div> : null}
                      {ch.after !== undefined ? <div class="after"><span class="visually-hidden">{'after: '}</span>{'+ '}{show(ch.after)}</div> : null}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
