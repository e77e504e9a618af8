// The tracked events the rules read (behavior.<event>.count_<n>d), with their windows and tests.

import { eventsUsed } from '../../logic/behavior-events.ts';
import type { Editor } from '../editor-state.ts';

export function BehaviourEvents({ editor }: { editor: Editor }) {
  const events = eventsUsed(editor.draft.value);
  return (
    <section aria-labelledby="behavior-title">
      <h2 id="behavior-title">Behaviour</h2>
      {events.length === 0 ? <p>No rule reads tracked events (attributes such as behavior.purchase.count_30d).</p> :
      <table>
        <thead><tr>{['Rule', 'Event', 'Window', 'Test'].map((t) => <th scope="col">{t}</th>)}</tr></thead>
        <tbody>
          {events.map((e) => <tr>
            <td>{e.ruleId}</td>
            <td>{e.event}</td>
            <td>{`${e.windowDays} days`}</td>
            <td>{`${e.negated ? 'NOT ' : ''}${e.op} ${JSON.stringify(e.value)}`}</td>
          </tr>)}
        </tbody>
      </table>}
    </section>
  );
}
