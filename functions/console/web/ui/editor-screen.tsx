// The flag editor: loads the stored flag (or a template for a new one), offers an autosaved draft
// back, and lays out settings, rules, preview, history and targeting tools around one Editor.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { FlagItemShape, SaveShape, TemplatesShape } from '../api/shapes.ts';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { clearDraft, loadDraft, type Draft } from '../logic/drafts.ts';
import { blankFlag, fromTemplate } from '../logic/flag-draft.ts';
import { relativeTo } from '../logic/problems.ts';
import { announce, canEdit, client, environment, go } from './app-state.ts';
import { READ_ONLY_EXPLANATION } from '../logic/key-role.ts';
import { AttributeList } from './condition-tree.tsx';
import { valueOf } from './dom.tsx';
import { createEditor, type Editor } from './editor-state.ts';
import { FlagSettings } from './flag-settings.tsx';
import { goToField } from './go-to-field.ts';
import { placeOf } from '../logic/warnings.ts';
import { formatDateTime } from '../logic/dates.ts';
import { HistoryPanel } from './history-panel.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { RulesList } from './rules-list.tsx';
import { TargetingPanel } from './targeting-panel.tsx';

type Tab = 'rules' | 'preview' | 'history' | 'targeting' | 'json';
const TABS: readonly (readonly [Tab, string])[] = [['rules', 'Rules'], ['preview', 'Preview'], ['history', 'History'], ['targeting', 'Map & audiences'], ['json', 'JSON']];

/** The editor of the open flag, for the global shortcuts (Ctrl+Z, Ctrl+S). */
export let activeEditor: (Editor & { save: () => Promise<void> }) | null = null;

export function EditorScreen({ flagKey, isNew, template }: { flagKey: string; isNew: boolean; template?: string | undefined }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [tab, setTab] = useState<Tab>('rules');
  const [comment, setComment] = useState('');
  const c = client.value!;
  const env = environment.value;
  const base = `/v1/environments/${encodeURIComponent(env)}/flags/${encodeURIComponent(flagKey)}`;

  useEffect(() => {
    let made: Editor | null = null;
    void (async () => {
      try {
        let flag: DraftFlag;
        let version = 0;
        if (isNew) {
          const templates = template ? (await c.call('preview', '/v1/rules/templates', TemplatesShape)).templates : [];
          const chosen = templates.find((t) => t.id === template);
          flag = chosen ? fromTemplate(chosen.flag as DraftFlag, flagKey) : blankFlag(flagKey);
        } else {
          const item = await c.call('admin', base, FlagItemShape);
          flag = item.document as DraftFlag;
          version = item.version;
        }
        const saved = loadDraft(localStorage, env, flagKey);
        made = createEditor(c, env, flag, version);
        if (saved && JSON.stringify(saved.flag) !== JSON.stringify(flag)) setDraft(saved);
        setEditor(made);
      } catch (err) {
        setError(err instanceof ApiError && err.status === 404 ? `No flag "${flagKey}" in ${env}.` : (err as Error).message);
      }
    })();
    return () => made?.dispose();
  }, [flagKey, env, isNew, template]);

  if (error) return <main id="main"><p class="error" role="alert">{error}</p><a href="#/flags">Back to the flags</a></main>;
  if (!editor) return <main id="main"><p>Loading…</p></main>;

  const save = async () => {
    if (!canEdit.value) return;
    const flag = editor.draft.value;
    try {
      const answer = await c.call('admin', base, SaveShape, { method: 'PUT', ifMatch: editor.version.value, body: { flag, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      editor.reset(flag, answer.version);
      clearDraft(localStorage, env, flagKey);
      setComment('');
      announce(`Saved ${flagKey}: version ${answer.version}`);
      if (isNew) go(`#/flags/${encodeURIComponent(flagKey)}`);
    } catch (err) {
      if (err instanceof ApiError) {
        editor.saveIssues.value = relativeTo(err.problem.errors ?? [], '/flag');
        if (err.status === 403 && !canEdit.value) return announce(`Not saved. ${READ_ONLY_EXPLANATION}`, 'error');
        const stale = err.status === 412 ? ` Someone saved version ${err.problem.currentVersion ?? '?'} meanwhile; reload to see it (your draft is kept).` : '';
        announce(`Not saved: ${err.message}.${stale}`, 'error');
      } else announce(`Not saved: ${(err as Error).message}`, 'error');
    }
  };
  activeEditor = Object.assign(editor, { save });

  const v = editor.validation.value;
  const warnings = editor.warnings.value;
  const ruleIds = (editor.draft.value.rules ?? []).map((r) => r.id);
  /** A warning's field is on the Rules tab: open it, then focus the field once rendered. */
  const goTo = (pointer: string) => {
    setTab('rules');
    requestAnimationFrame(() => goToField(pointer));
  };
  const complexity = v?.complexity ?? null;
  const level = complexity === null ? 'unknown' : complexity <= 20 ? 'low' : complexity <= 60 ? 'medium' : 'high';
  return (
    <main id="main" class="editor">
      <AttributeList />
      <div class="toolbar">
        <h1>
          <a href="#/flags" class="back" aria-label="Back to the flags">←</a>
          {' '}
          {flagKey}
          <span class="muted">{editor.version.value === 0 ? ' (new, not saved)' : ` version ${editor.version.value}`}</span>
        </h1>
        {!canEdit.value ? <span class="badge read-only">Read only</span> : <div class="actions">
          <button type="button" disabled={!editor.canUndo.value} onClick={editor.undo} aria-keyshortcuts="Control+Z">Undo</button>
          <button type="button" disabled={!editor.canRedo.value} onClick={editor.redo} aria-keyshortcuts="Control+Shift+Z">Redo</button>
          <label for="save-comment" class="visually-hidden">Change comment</label>
          <input id="save-comment" placeholder="What changed and why" value={comment} onInput={(e: Event) => setComment(valueOf(e))} />
          <button type="button" class="primary" onClick={save} disabled={!editor.dirty.value && editor.version.value !== 0} aria-keyshortcuts="Control+S">
            Save
          </button>
        </div>}
      </div>
      {draft && canEdit.value ? <div class="notice" role="region" aria-label="Unsaved draft">
        {`An unsaved draft from ${formatDateTime(draft.savedAt)} (based on version ${draft.baseVersion}) exists. `}
        <button type="button" onClick={() => { editor.edit(draft.flag); setDraft(null); }}>Restore draft</button>
        <button type="button" onClick={() => { clearDraft(localStorage, env, flagKey); setDraft(null); }}>Discard it</button>
      </div> : null}
      <div class="status-bar" role="status" aria-live="polite" data-analysis={editor.analysisCurrent.value ? 'current' : 'pending'}>
        <span class={`badge complexity ${level}`} title="Complexity score of the validate API">
          {`Complexity ${complexity ?? '–'} (${level})`}
        </span>
        {v ? <span class={v.errors.length ? 'error' : 'ok'} data-validation={v.errors.length ? 'invalid' : 'valid'}>
          {v.errors.length ? `${v.errors.length} error(s)` : '✓ Valid'}
        </span> : <span>Checking…</span>}
        {editor.dirty.value ? <span class="muted">Unsaved changes (draft autosaved)</span> : null}
        {editor.apiError.value ? <span class="error">{editor.apiError.value}</span> : null}
      </div>
      {warnings.length ? <details class="warnings" open>
        <summary data-warning-count={warnings.length}>{`${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}`}</summary>
        <ul>
          {warnings.map((w) => <li key={`${w.path} ${w.message}`} data-warning-path={w.path}>
            <button type="button" class="link" onClick={() => goTo(w.path)}>{placeOf(w.path, ruleIds)}</button>
            {`: ${w.message}`}
          </li>)}
        </ul>
      </details> : null}
      <div role="tablist" class="tabs" aria-label="Editor sections">
        {TABS.map(([id, label]) =>
        <button role="tab" id={`tab-${id}`} aria-selected={tab === id ? 'true' : 'false'} aria-controls={`panel-${id}`} tabIndex={tab === id ? 0 : -1} onClick={() => setTab(id)} onKeyDown={(e: KeyboardEvent) => {
            const i = TABS.findIndex(([t]) => t === tab);
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0];
              setTab(next);
              requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
            }
          }}>
          {label}
        </button>)}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="panel">
        {tab === 'rules' ? <fieldset class="editor-grid plain" disabled={!canEdit.value}>
          <legend class="visually-hidden">{canEdit.value ? 'Flag and rules' : 'Flag and rules (read only)'}</legend>
          <FlagSettings editor={editor} />
          <RulesList editor={editor} />
        </fieldset> :
        tab === 'preview' ? <PreviewPanel editor={editor} /> :
        tab === 'history' ? <HistoryPanel editor={editor} base={base} onRolledBack={(flag: DraftFlag, version: number) => editor.reset(flag, version)} /> :
        tab === 'targeting' ? <TargetingPanel editor={editor} /> :
        <pre class="json" tabIndex={0} aria-label="The draft as JSON">{JSON.stringify(editor.draft.value, null, 2)}</pre>}
      </div>
    </main>
  );
}
