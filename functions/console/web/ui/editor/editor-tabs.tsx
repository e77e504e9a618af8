// The editor's sections as tabs (arrow keys move between them) and the panel of the open one.

import type { Signal } from '@preact/signals';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { FlagSettings } from '../flag-settings.tsx';
import { HistoryPanel } from '../history/history-panel.tsx';
import { PreviewPanel } from '../preview/preview-panel.tsx';
import { ReleasesPanel } from '../releases/releases-panel.tsx';
import { RulesList } from '../rules-list.tsx';
import { TargetingPanel } from '../targeting/targeting-panel.tsx';
import { UsagePanel } from '../usage/usage-panel.tsx';

export type Tab = 'rules' | 'preview' | 'usage' | 'history' | 'releases' | 'targeting' | 'json';
const TABS: readonly (readonly [Tab, string])[] = [['rules', 'Rules'], ['preview', 'Preview'], ['usage', 'Usage'], ['history', 'History'], ['releases', 'Releases'], ['targeting', 'Map & audiences'], ['json', 'JSON']];

function TabList({ tab }: { tab: Signal<Tab> }) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex(([t]) => t === tab.value);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0];
    tab.value = next;
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <div role="tablist" class="tabs" aria-label="Editor sections">
      {TABS.map(([id, label]) => (
        <button role="tab" id={`tab-${id}`} aria-selected={tab.value === id ? 'true' : 'false'} aria-controls={`panel-${id}`} tabIndex={tab.value === id ? 0 : -1} onClick={() => (tab.value = id)} onKeyDown={onKeyDown}>{label}</button>
      ))}
    </div>
  );
}

function RulesTab({ editor }: { editor: Editor }) {
  const { canEdit } = useApp();
  return (
    <fieldset class="editor-grid plain" disabled={!canEdit.value}>
      <legend class="visually-hidden">{canEdit.value ? 'Flag and rules' : 'Flag and rules (read only)'}</legend>
      <FlagSettings editor={editor} />
      <RulesList editor={editor} />
    </fieldset>
  );
}

function Panel({ editor, tab }: { editor: Editor; tab: Tab }) {
  switch (tab) {
    case 'rules':
      return <RulesTab editor={editor} />;
    case 'preview':
      return <PreviewPanel editor={editor} />;
    case 'usage':
      return <UsagePanel editor={editor} />;
    case 'history':
      return <HistoryPanel editor={editor} />;
    case 'releases':
      return <ReleasesPanel editor={editor} />;
    case 'targeting':
      return <TargetingPanel editor={editor} />;
    case 'json':
      return <pre class="json" tabIndex={0} aria-label="The draft as JSON">{JSON.stringify(editor.draft.value, null, 2)}</pre>;
  }
}

export function EditorTabs({ editor, tab }: { editor: Editor; tab: Signal<Tab> }) {
  return (
    <>
      <TabList tab={tab} />
      <div role="tabpanel" id={`panel-${tab.value}`} aria-labelledby={`tab-${tab.value}`} class="panel">
        <Panel editor={editor} tab={tab.value} />
      </div>
    </>
  );
}
