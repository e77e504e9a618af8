// The flag's scheduled changes: each with its time (and zone), the change in words, its status
// and who made it; editors cancel a pending one and schedule new ones.

import { useEffect, useMemo } from 'preact/hooks';
import { formatDateTime } from '../../logic/dates.ts';
import { changeWords } from '../../logic/schedule-change.ts';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { ScheduleForm } from './schedule-form.tsx';
import { createSchedulesState, type SchedulesState } from './schedules-state.ts';

const STATUS_WORDS: Readonly<Record<string, string>> = { pending: 'Pending', applied: 'Applied', refused: 'Refused', cancelled: 'Cancelled' };

function ScheduleList({ schedules }: { schedules: SchedulesState }) {
  const { canEdit } = useApp();
  const items = schedules.items.value;
  if (items === null) return schedules.loadError.value ? <p class="error" role="alert">{schedules.loadError.value}</p> : <p>Loading scheduled changes…</p>;
  if (items.length === 0) return <p class="hint">Nothing scheduled on this flag.</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="Scheduled changes">
      <table class="schedules">
        <caption class="visually-hidden">Scheduled changes of this flag</caption>
        <thead>
          <tr><th scope="col">When</th><th scope="col">Change</th><th scope="col">Status</th>{canEdit.value ? <th scope="col"><span class="visually-hidden">Actions</span></th> : null}</tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-status={s.status}>
              <td><time dateTime={s.at}>{formatDateTime(s.at)}</time></td>
              <td>{changeWords(s.change)}{s.comment ? <div class="muted">{s.comment}</div> : null}<div class="muted small">{`by ${s.createdBy}`}</div></td>
              <td>{STATUS_WORDS[s.status] ?? s.status}{s.reason ? <div class="muted small">{s.reason}</div> : null}</td>
              {canEdit.value ? <td>{s.status === 'pending' ? <button type="button" class="danger" onClick={() => void schedules.cancel(s)}>{`Cancel the change of ${formatDateTime(s.at)}`}</button> : null}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SchedulesPanel({ editor }: { editor: Editor }) {
  const app = useApp();
  const schedules = useMemo(() => createSchedulesState(app, editor), [app, editor]);
  useEffect(() => void schedules.load(), [schedules]);
  return (
    <section class="schedules-panel" aria-labelledby="schedules-title">
      <h2 id="schedules-title">Scheduled changes</h2>
      <ScheduleList schedules={schedules} />
      {schedules.rowError.value ? <p class="error" role="alert">{schedules.rowError.value}</p> : null}
      {app.canEdit.value ? <ScheduleForm schedules={schedules} editor={editor} /> : null}
    </section>
  );
}
