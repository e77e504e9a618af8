// History: every version with who, when and why; a readable diff between any two; rollback to
// one (a new version equal to it, with If-Match on the current one).

import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DiffShape, SaveShape, VersionsShape, type DiffAnswer, type VersionEntry } from '../api/shapes.ts';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { announce, canEdit, client } from './app-state.ts';
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
  const c = client.value!;
  const load = async () => {
    if (editor.version.value === 0) return setVersions([]);
    try {
      const answer = await c.call('admin', `${base}/versions`, VersionsShape);
      setVersions(answer.versions);
      const [latest, previous] = answer.versions;
      if (latest) setTo(latest.version);
      setFrom(previous ? previous.version : 0);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => void load(), [editor.version.value]);
  useEffect(() => {
    if (from === null || to === null) return;
    c.call('admin', `${base}/diff?from=${from}&to=${to}`, DiffShape).then(setDiff, (err: Error) => setError(err.message));
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
  if (versions === null) return h('p', null, error ?? 'Loading history…');
  if (versions.length === 0) return h('p', null, 'Not saved yet: history starts with the first save.');
  return h('div', { class: 'history' },
    h('section', { 'aria-labelledby': 'versions-title' },
      h('h2', { id: 'versions-title' }, 'Versions'),
      h('div', { class: 'table-wrap', tabIndex: 0 }, h('table', null,
        h('thead', null, h('tr', null, ['Version', 'Change', 'Who', 'When', 'Comment', 'From', 'To', ''].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Actions'))))),
        h('tbody', null, versions.map((v) => h('tr', { key: v.version, 'data-version': v.version },
          h('td', null, String(v.version)), h('td', null, v.change), h('td', null, v.actor), h('td', null, h('time', { dateTime: v.at, title: v.at }, formatDateTime(v.at))), h('td', null, v.comment ?? ''),
          h('td', null, h('input', { type: 'radio', name: 'diff-from', 'aria-label': `Compare from version ${v.version}`, checked: from === v.version, onChange: () => setFrom(v.version) })),
          h('td', null, h('input', { type: 'radio', name: 'diff-to', 'aria-label': `Compare to version ${v.version}`, checked: to === v.version, onChange: () => setTo(v.version) })),
          h('td', null, v.version === editor.version.value || v.change === 'delete' || !canEdit.value ? null : h('button', { type: 'button', onClick: () => rollback(v.version) }, `Roll back to ${v.version}`)))))))),
    diff ? h('section', { 'aria-labelledby': 'diff-title', class: 'diff' },
      h('h2', { id: 'diff-title' }, `Changes from version ${diff.from} to ${diff.to}`),
      diff.changes.length === 0 ? h('p', null, 'No differences.') :
      h('ul', null, changesInWords(diff.changes, documentOf(diff.from), documentOf(diff.to)).map((w, n) => h('li', { class: 'change', key: n },
        h('span', { class: 'words' }, w.text),
        h('details', { class: 'raw' },
          h('summary', null, 'JSON', h('span', { class: 'visually-hidden' }, ` of: ${w.text}`)),
          h('ul', null, w.changes.map((ch) => h('li', { class: `change ${ch.op}` },
            h('code', null, ch.path), ` ${ch.op}`,
            ch.before !== undefined ? h('div', { class: 'before' }, h('span', { class: 'visually-hidden' }, 'before: '), '− ', show(ch.before)) : null,
            ch.after !== undefined ? h('div', { class: 'after' }, h('span', { class: 'visually-hidden' }, 'after: '), '+ ', show(ch.after)) : null)))))))) : null);
}
