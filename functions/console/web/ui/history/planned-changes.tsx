// The state changes of the flag's release plans and scheduled changes, newest first: most write
// no version (a plan paused, a schedule cancelled), so the versions table alone would not show them.

import { formatDateTime } from '../../logic/dates.ts';
import type { HistoryState } from './history-state.ts';

export function PlannedChanges({ history }: { history: HistoryState }) {
  const events = history.events.value;
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="planned-changes-title">
      <h2 id="planned-changes-title">Releases and scheduled changes</h2>
      <ol class="planned-changes">
        {events.map((e) => (
          <li key={`${e.kind}-${e.id}-${e.action}-${e.at}`} data-event={`${e.kind}:${e.action}`}>
            <time dateTime={e.at} title={e.at}>{formatDateTime(e.at)}</time> <span>{e.actor}</span>: {e.text}
            {e.flagVersion === undefined ? null : <span>{` (version ${e.flagVersion})`}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
