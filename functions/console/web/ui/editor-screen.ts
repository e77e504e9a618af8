// The flag editor: loads the stored flag (or a template for a new one), offers an autosaved draft
// back, and lays out settings, rules, preview, history and targeting tools around one Editor.

import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { FlagItemShape, SaveShape, TemplatesShape } from '../api/shapes.ts';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { clearDraft, loadDraft, type Draft } from '../logic/drafts.ts';
import { blankFlag, fromTemplate } from '../logic/flag-draft.ts';
import { relativeTo } from '../logic/problems.ts';
import { announce, canEdit, client, environment, go } from './app-state.ts';
import { READ_ONLY_EXPLANATION } from '../logic/key-role.ts';
import { AttributeList } from './condition-tree.ts';
import { valueOf } from './dom.ts';
import { createEditor, type Editor } from './editor-state.ts';
import { FlagSettings } from './flag-settings.ts';
import { goToField } from './go-to-field.ts';
import { placeOf } from '../logic/warnings.ts';
import { formatDateTime } from '../logic/dates.ts';
import { HistoryPanel } from './history-panel.ts';
import { PreviewPanel } from './preview-panel.ts';
import { RulesList } from './rules-list.ts';
import { TargetingPanel } from './targeting-panel.ts';

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

  if (error) return h('main', { id: 'main' }, h('p', { class: 'error', role: 'alert' }, error), h('a', { href: '#/flags' }, 'Back to the flags'));
  if (!editor) return h('main', { id: 'main' }, h('p', null, 'Loading…'));

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
  return h('main', { id: 'main', class: 'editor' },
    h(AttributeList, null),
    h('div', { class: 'toolbar' },
      h('h1', null, h('a', { href: '#/flags', class: 'back', 'aria-label': 'Back to the flags' }, '←'), ' ', flagKey,
        h('span', { class: 'muted' }, editor.version.value === 0 ? ' (new, not saved)' : ` version ${editor.version.value}`)),
      !canEdit.value ? h('span', { class: 'badge read-only' }, 'Read only') : h('div', { class: 'actions' },
        h('button', { type: 'button', disabled: !editor.canUndo.value, onClick: editor.undo, 'aria-keyshortcuts': 'Control+Z' }, 'Undo'),
        h('button', { type: 'button', disabled: !editor.canRedo.value, onClick: editor.redo, 'aria-keyshortcuts': 'Control+Shift+Z' }, 'Redo'),
        h('label', { for: 'save-comment', class: 'visually-hidden' }, 'Change comment'),
        h('input', { id: 'save-comment', placeholder: 'What changed and why', value: comment, onInput: (e: Event) => setComment(valueOf(e)) }),
        h('button', { type: 'button', class: 'primary', onClick: save, disabled: !editor.dirty.value && editor.version.value !== 0, 'aria-keyshortcuts': 'Control+S' }, 'Save'))),
    draft && canEdit.value ? h('div', { class: 'notice', role: 'region', 'aria-label': 'Unsaved draft' },
      `An unsaved draft from ${formatDateTime(draft.savedAt)} (based on version ${draft.baseVersion}) exists. `,
      h('button', { type: 'button', onClick: () => { editor.edit(draft.flag); setDraft(null); } }, 'Restore draft'),
      h('button', { type: 'button', onClick: () => { clearDraft(localStorage, env, flagKey); setDraft(null); } }, 'Discard it')) : null,
    h('div', { class: 'status-bar', role: 'status', 'aria-live': 'polite', 'data-analysis': editor.analysisCurrent.value ? 'current' : 'pending' },
      h('span', { class: `badge complexity ${level}`, title: 'Complexity score of the validate API' }, `Complexity ${complexity ?? '–'} (${level})`),
      v ? h('span', { class: v.errors.length ? 'error' : 'ok', 'data-validation': v.errors.length ? 'invalid' : 'valid' }, v.errors.length ? `${v.errors.length} error(s)` : '✓ Valid') : h('span', null, 'Checking…'),
      editor.dirty.value ? h('span', { class: 'muted' }, 'Unsaved changes (draft autosaved)') : null,
      editor.apiError.value ? h('span', { class: 'error' }, editor.apiError.value) : null),
    warnings.length ? h('details', { class: 'warnings', open: true },
      h('summary', { 'data-warning-count': warnings.length }, `${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}`),
      h('ul', null, warnings.map((w) => h('li', { key: `${w.path} ${w.message}`, 'data-warning-path': w.path },
        h('button', { type: 'button', class: 'link', onClick: () => goTo(w.path) }, placeOf(w.path, ruleIds)), `: ${w.message}`)))) : null,
    h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Editor sections' }, TABS.map(([id, label]) =>
      h('button', { role: 'tab', id: `tab-${id}`, 'aria-selected': tab === id ? 'true' : 'false', 'aria-controls': `panel-${id}`, tabIndex: tab === id ? 0 : -1, onClick: () => setTab(id),
        onKeyDown: (e: KeyboardEvent) => {
          const i = TABS.findIndex(([t]) => t === tab);
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0];
            setTab(next);
            requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
          }
        } }, label))),
    h('div', { role: 'tabpanel', id: `panel-${tab}`, 'aria-labelledby': `tab-${tab}`, class: 'panel' },
      tab === 'rules' ? h('fieldset', { class: 'editor-grid plain', disabled: !canEdit.value }, h('legend', { class: 'visually-hidden' }, canEdit.value ? 'Flag and rules' : 'Flag and rules (read only)'), h(FlagSettings, { editor }), h(RulesList, { editor })) :
      tab === 'preview' ? h(PreviewPanel, { editor }) :
      tab === 'history' ? h(HistoryPanel, { editor, base, onRolledBack: (flag: DraftFlag, version: number) => editor.reset(flag, version) }) :
      tab === 'targeting' ? h(TargetingPanel, { editor }) :
      h('pre', { class: 'json', tabIndex: 0, 'aria-label': 'The draft as JSON' }, JSON.stringify(editor.draft.value, null, 2))));
}
