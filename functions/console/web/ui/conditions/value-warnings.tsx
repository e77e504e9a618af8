// A value's warnings (a value its attribute never holds), each with the value meant as a one-click
// fix ("Use DE"): the fix is an edit of the draft like any other, so Undo takes it back.

import type { Issue } from '../../logic/problems.ts';

type Props = {
  warnings: readonly Issue[];
  id: string;
  /** The clause's value pointer (`/rules/0/when/value`): a warning's path below it says which value of a list. */
  valuePointer: string;
  value: unknown;
  onFix: (relative: string, suggestion: string) => void;
};

export function ValueWarnings({ warnings, id, valuePointer, value, onFix }: Props) {
  const valueAt = (path: string) => {
    const index = /^\/(\d+)$/.exec(path.slice(valuePointer.length));
    return index && Array.isArray(value) ? value[Number(index[1])] : value;
  };
  return (
    <div id={id} class="value-warnings" aria-live="polite">
      {warnings.map((w) => (
        <p class="warning" data-value-warning={w.path}>
          {w.message}
          {w.suggestion === undefined ? null : (
            <button type="button" class="fix" aria-label={`Use ${w.suggestion} instead of ${JSON.stringify(valueAt(w.path))}`} onClick={() => onFix(w.path.slice(valuePointer.length), w.suggestion!)}>{`Use ${w.suggestion}`}</button>
          )}
        </p>
      ))}
    </div>
  );
}
