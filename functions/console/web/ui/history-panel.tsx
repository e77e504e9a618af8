// History: every version with who, when and why; a readable diff between any two; rollback to
// one (a new version equal to it, with If-Match on the current one).

import { useEffect, useState } from 'preact/hooks';
import { DiffShape, SaveShape, VersionsShape, type DiffAnswer, type VersionEntry } from '../api/shapes.ts';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { isAborted } from '../api/latest.ts';
import { useApp } from './app-state.ts';
import type { Editor } from './editor-state.ts';
import { formatDateTime } from '../logic/dates.ts';
import { changesInWords } from '../logic/change-words.ts';

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

export function HistoryPanel({ editor, base, onRolledBack }: { editor: Editor; base: string; onRolledBack: (flag: DraftFlag, version: number) => void }) {
  const [versions, setVersions] = useState<VersionEntry[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<DiffAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { client, requests, announce, canEdit } = useApp();
  const c = client.value;
  const load = async () => {
    if (editor.version.value === 0) return setVersions([]);
    try {
      const answer = await requests.run('history:versions', (signal) => c.call('admin', `${base}/versions`, VersionsShape, { signal }));
      setVersions(answer.versions);
      const [latest, previous] = answer.versions;
      if (latest) setTo(latest.version);
      setFrom(previous ? previous.version : 0);
    } catch (err) {
      if (!isAborted(err)) setError((err as Error).message);
    }
  };
  useEffect(() => void load(), [editor.version.value]);
  useEffect(() => {
    if (from === null || to === null) return;
    // Radio clicks in quick succession: only the diff of the last pair chosen is shown.
    requests.run('history:diff', (signal) => c.call('admin', `${base}/diff?from=${from}&to=${to}`, DiffShape, { signal })).then(setDiff, (err: Error) => {
      if (!isAborted(err)) setError(err.message);
    });
  }, [from, to]);

  const rollback = async (version: number) => {
    if (!confirm(`Roll back to version ${version}? This saves a new version equal to it.`)) return;
    try {
      const answer = await c.call('admin', `${base}/rollback`, SaveShape, { body: { version, comment: `rollback to version ${version}` }, ifMatch: editor.version.value });
      const entry = versions?.find((v) => v.version === version);
      onRolledBack((entry?.document ?? editor.draft.value) as DraftFlag, answer.version);
      announce(`Rolled back to version ${version}: now version ${answer.version}`);
    } catch (err) {
      announce(`Rollback failed: ${(err as Error).message}`, 'error');
    }
  };

  /** A version's document from the list (version 0: before the flag existed). */
  const documentOf = (n: number) => versions?.find((v) => v.version === n)?.document;
  if (versions === null) return <p>{error ?? 'Loading history…'}</p>;
  if (versions.length === 0) return <p>Not saved yet: history starts with the first save.</p>;
  return (
    <div class="history">
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {['Version', 'Change', 'Who', 'When', 'Comment', 'From', 'To', ''].map((t) => <th scope="col">{t || <span class="visually-hidden">Actions</span>}</th>)}
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => <tr key={v.version} data-version={v.version}>
                <td>{String(v.version)}</td>
                <td>{v.change}</td>
                <td>{v.actor}</td>
                <td><time dateTime={v.at} title={v.at}>{formatDateTime(v.at)}</time></td>
                <td>{v.comment ?? ''}</td>
                <td>
                  <input type="radio" name="diff-from" aria-label={`Compare from version ${v.version}`} checked={from === v.version} onChange={() => setFrom(v.version)} />
                </td>
                <td>
                  <input type="radio" name="diff-to" aria-label={`Compare to version ${v.version}`} checked={to === v.version} onChange={() => setTo(v.version)} />
                </td>
                <td>
                  {v.version === editor.version.value || v.change === 'delete' || !canEdit.value ? null : <button type="button" onClick={() => rollback(v.version)}>{`Roll back to ${v.version}`}</button>}
                </td>
              </tr>)}
            </tbody>
          </table>
        </div>
      </section>
      {diff ? <section aria-labelledby="diff-title" class="diff">
        <h2 id="diff-title">{`Changes from version ${diff.from} to ${diff.to}`}</h2>
        {diff.changes.length === 0 ? <p>No differences.</p> :
        <ul>
          {changesInWords(diff.changes, documentOf(diff.from), documentOf(diff.to)).map((w, n) => <li class="change" key={n}>
            <span class="words">{w.text}</span>
            <details class="raw">
              <summary>JSON<span class="visually-hidden">{` of: ${w.text}`}</span></summary>
              <ul>
                {w.changes.map((ch) => <li class={`change ${ch.op}`}>
                  <code>{ch.path}</code>
                  {` ${ch.op}`}
                  {ch.before !== undefined ? <div class="before"><span class="visually-hidden">{'before: '}</span>{'− '}{show(ch.before)}</div> : null}
                  {ch.after !== undefined ? <div class="after"><span class="visually-hidden">{'after: '}</span>{'+ '}{show(ch.after)}</div> : null}
                </li>)}
              </ul>
            </details>
          </li>)}
        </ul>}
      </section> : null}
    </div>
  );
}
