// The flag editor: loads the stored flag (or a template for a new one), offers an autosaved draft
// back, and lays out settings, rules, preview, history and targeting tools around one Editor.

import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { isAborted } from '../../api/latest.ts';
import { loadDraft, type Draft } from '../../logic/drafts.ts';
import { hashOf } from '../../logic/route.ts';
import { useApp } from '../app-state.ts';
import { AttributeList } from '../conditions/attribute-list.tsx';
import { createEditor, type Editor } from '../editor-state.ts';
import { goToField } from '../go-to-field.ts';
import { AnalysisBar } from './analysis-bar.tsx';
import { DraftNotice } from './draft-notice.tsx';
import { EditorTabs, type Tab } from './editor-tabs.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { loadFlag } from './load-flag.ts';
import { saveFlag } from './save-flag.ts';
import { WarningsList } from './warnings-list.tsx';

type Props = { flagKey: string; isNew: boolean; template?: string | undefined };

function OpenEditor({ editor, isNew, draft }: { editor: Editor; isNew: boolean; draft: Signal<Draft | null> }) {
  const app = useApp();
  const tab = useSignal<Tab>('rules');
  const save = () => saveFlag(app, editor, isNew);
  // The global shortcuts act on this editor while it is open.
  useEffect(() => {
    app.activeEditor.value = { undo: editor.undo, redo: editor.redo, save };
    return () => (app.activeEditor.value = null);
  }, [editor]);
  /** A warning's field is on the Rules tab: open it, then focus the field once rendered. */
  const goTo = (pointer: string) => {
    tab.value = 'rules';
    requestAnimationFrame(() => goToField(pointer));
  };
  return (
    <main id="main" class="editor">
      <AttributeList />
      <EditorToolbar editor={editor} onSave={() => void save()} />
      <DraftNotice editor={editor} draft={draft} />
      <AnalysisBar editor={editor} />
      <WarningsList editor={editor} onGoTo={goTo} />
      <EditorTabs editor={editor} tab={tab} />
    </main>
  );
}

export function EditorScreen({ flagKey, isNew, template }: Props) {
  const app = useApp();
  const env = app.environment.value;
  const editor = useSignal<Editor | null>(null);
  const error = useSignal<string | null>(null);
  const draft = useSignal<Draft | null>(null);

  useEffect(() => {
    let made: Editor | null = null;
    let open = true;
    const c = app.client.value;
    app.requests.run('editor:flag', (abort) => loadFlag(c, env, flagKey, isNew, template, abort)).then(
      ({ flag, version }) => {
        if (!open) return;
        const saved = loadDraft(localStorage, env, flagKey);
        made = createEditor({ client: c, canEdit: app.canEdit }, env, flag, version);
        if (saved && JSON.stringify(saved.flag) !== JSON.stringify(flag)) draft.value = saved;
        editor.value = made;
      },
      (err: unknown) => {
        if (isAborted(err)) return;
        error.value = err instanceof ApiError && err.status === 404 ? `No flag "${flagKey}" in ${env}.` : (err as Error).message;
      },
    );
    return () => {
      open = false;
      made?.dispose();
    };
  }, [flagKey, env, isNew, template]);

  if (error.value) return <main id="main"><p class="error" role="alert">{error.value}</p><a href={hashOf({ screen: 'library', env })}>Back to the flags</a></main>;
  if (!editor.value) return <main id="main"><p>Loading…</p></main>;
  return <OpenEditor editor={editor.value} isNew={isNew} draft={draft} />;
}
