// The import's preview and result: what the chosen file would change (counts; each document
// added, changed with its diff in words, or unchanged; golden tests that would fail), "Import N
// changes" or Cancel; a preview gone stale said plainly with a new one a click away.

import { useEffect, useRef } from 'preact/hooks';
import { countsLine, goldenPlace, type PreviewLine } from '../../logic/import-preview.ts';
import { valueOf } from '../dom.ts';
import type { ImportState } from './import-state.ts';

function ChangeItem({ line }: { line: PreviewLine }) {
  return (
    <li class={`import-change ${line.change}`} data-import-change={line.change} data-key={line.key}>
      <span class={`badge ${line.change}`}>{line.change}</span>
      {` ${line.kind} `}<strong>{line.key}</strong>
      {line.version === undefined ? null : <span class="muted">{` (stored version ${line.version})`}</span>}
      {line.words.length ? <ul class="words">{line.words.map((w) => <li>{w}</li>)}</ul> : null}
    </li>
  );
}

export function ImportPanel({ importing }: { importing: ImportState }) {
  const phase = importing.phase.value;
  const preview = importing.preview.value;
  const outcome = importing.outcome.value;
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel takes the focus when it opens or its state turns: a keyboard user reads it next.
  useEffect(() => heading.current?.focus(), [phase]);
  if (phase === 'previewing') return <p class="import-panel" role="status">Checking what the import would change…</p>;
  if (phase === 'done' && outcome) {
    return (
      <section class="import-panel" aria-labelledby="import-title">
        <h2 id="import-title" tabIndex={-1} ref={heading}>Import done</h2>
        <p>{`${outcome.written} ${outcome.written === 1 ? 'document' : 'documents'} written into ${outcome.environment} (now version ${outcome.environmentVersion}); ${outcome.unchanged} unchanged kept their version.`}</p>
        <button type="button" onClick={importing.dismissOutcome}>Close</button>
      </section>
    );
  }
  if (!preview) return null;
  const { answer, lines } = preview;
  const changes = lines.filter((l) => l.change !== 'unchanged');
  const unchanged = lines.filter((l) => l.change === 'unchanged');
  const failures = answer.goldenFailures ?? [];
  const n = importing.changeCount.value;
  return (
    <section class="import-panel" aria-labelledby="import-title">
      <h2 id="import-title" tabIndex={-1} ref={heading}>{`Import ${preview.fileName} into ${preview.environment}?`}</h2>
      <p class="counts" data-import-counts="">{countsLine(answer.summary)}</p>
      {phase === 'stale' ? (
        <div class="stale" role="alert">
          <p>{`${preview.environment} changed since this preview (someone saved in the meantime), so nothing was imported. Preview again to see what the import would change now.`}</p>
          <button type="button" class="primary" onClick={importing.previewAgain}>Preview again</button>
          <button type="button" onClick={importing.cancel}>Cancel</button>
        </div>
      ) : null}
      {changes.length ? <ul class="import-changes" aria-label="Documents the import would write">{changes.map((l) => <ChangeItem line={l} />)}</ul> : <p>Nothing to import: every document is the same as the stored one.</p>}
      {unchanged.length ? (
        <details class="import-unchanged">
          <summary>{`${unchanged.length} unchanged (no new version)`}</summary>
          <ul>{unchanged.map((l) => <ChangeItem line={l} />)}</ul>
        </details>
      ) : null}
      {failures.length ? (
        <div class="golden-failures">
          <h3>{`${failures.length} golden ${failures.length === 1 ? 'test' : 'tests'} would fail`}</h3>
          <ul>{failures.map((f) => <li data-golden-failure={f.path}>{`${goldenPlace(f.path, preview.body)}${f.name ? ` (${f.name})` : ''}: expected ${f.expected}, got ${f.got ?? 'an error'} (${f.reason})`}</li>)}</ul>
          {n > 0 && phase === 'preview' ? <div class="field">
            <label for="import-comment">Why import anyway (recorded with the change)</label>
            <input id="import-comment" value={importing.comment.value} onInput={(e: Event) => (importing.comment.value = valueOf(e))} />
          </div> : null}
        </div>
      ) : null}
      {phase === 'preview' || phase === 'importing' ? (
        <div class="actions">
          {n > 0 ? <button type="button" class="primary" disabled={phase === 'importing'} onClick={() => void importing.confirm()}>{`Import ${n} ${n === 1 ? 'change' : 'changes'}${failures.length ? ' anyway' : ''}`}</button> : null}
          <button type="button" onClick={importing.cancel}>{n > 0 ? 'Cancel' : 'Close'}</button>
        </div>
      ) : null}
    </section>
  );
}
