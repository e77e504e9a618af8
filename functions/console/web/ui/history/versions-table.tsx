// Every version with who, when and why; the two to compare chosen by radio; rollback to any.

import { formatDateTime } from '../../logic/dates.ts';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import type { HistoryState } from './history-state.ts';

export function VersionsTable({ history, editor }: { history: HistoryState; editor: Editor }) {
  const { canEdit } = useApp();
  return (
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
            {(history.versions.value ?? []).map((v) => (
              <tr key={v.version} data-version={v.version}>
                <td>{String(v.version)}</td>
                <td>{v.change}</td>
                <td>{v.actor}</td>
                <td><time dateTime={v.at} title={v.at}>{formatDateTime(v.at)}</time></td>
                <td>{v.comment ?? ''}</td>
                <td><input type="radio" name="diff-from" aria-label={`Compare from version ${v.version}`} checked={history.from.value === v.version} onChange={() => (history.from.value = v.version)} /></td>
                <td><input type="radio" name="diff-to" aria-label={`Compare to version ${v.version}`} checked={history.to.value === v.version} onChange={() => (history.to.value = v.version)} /></td>
                <td>
                  {v.version === editor.version.value || v.change === 'delete' || !canEdit.value ? null : <button type="button" onClick={() => void history.rollback(v.version)}>{`Roll back to ${v.version}`}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
