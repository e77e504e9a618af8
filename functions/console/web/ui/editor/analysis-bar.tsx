// What the APIs say of the draft, live: complexity, valid or how many errors, unsaved changes.

import type { Editor } from '../editor-state.ts';

const levelOf = (complexity: number | null) => (complexity === null ? 'unknown' : complexity <= 20 ? 'low' : complexity <= 60 ? 'medium' : 'high');

export function AnalysisBar({ editor }: { editor: Editor }) {
  const v = editor.validation.value;
  const complexity = v?.complexity ?? null;
  const level = levelOf(complexity);
  return (
    <div class="status-bar" role="status" aria-live="polite" data-analysis={editor.analysisCurrent.value ? 'current' : 'pending'}>
      <span class={`badge complexity ${level}`} title="Complexity score of the validate API">{`Complexity ${complexity ?? '–'} (${level})`}</span>
      {v ? <span class={v.errors.length ? 'error' : 'ok'} data-validation={v.errors.length ? 'invalid' : 'valid'}>{v.errors.length ? `${v.errors.length} error(s)` : '✓ Valid'}</span> : <span>Checking…</span>}
      {editor.dirty.value ? <span class="muted">Unsaved changes (draft autosaved)</span> : null}
      {editor.apiError.value ? <span class="error">{editor.apiError.value}</span> : null}
    </div>
  );
}
