// The status line: outcomes read out politely, failures assertively with a way to dismiss them.

import { useApp } from './app-state.ts';

export function StatusLine() {
  const { status, dismissStatus } = useApp();
  const s = status.value;
  const error = s?.kind === 'error';
  return (
    <div class={`status ${s?.kind ?? ''}`} role={error ? 'alert' : 'status'} aria-live={error ? 'assertive' : 'polite'}>
      {s ? <span>{s.text}</span> : null}
      {error ? <button type="button" class="dismiss" aria-label="Dismiss this message" onClick={dismissStatus}>×</button> : null}
    </div>
  );
}
