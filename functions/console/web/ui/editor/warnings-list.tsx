// The draft's warnings (validate's and analyze's, each once), each a link to its field.

import { placeOf } from '../../logic/warnings.ts';
import type { Editor } from '../editor-state.ts';

export function WarningsList({ editor, onGoTo }: { editor: Editor; onGoTo: (pointer: string) => void }) {
  const warnings = editor.warnings.value;
  if (warnings.length === 0) return null;
  const ruleIds = (editor.draft.value.rules ?? []).map((r) => r.id);
  return (
    <details class="warnings" open>
      <summary data-warning-count={warnings.length}>{`${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}`}</summary>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.path} ${w.message}`} data-warning-path={w.path}>
            <button type="button" class="link" onClick={() => onGoTo(w.path)}>{placeOf(w.path, ruleIds)}</button>
            {`: ${w.message}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
