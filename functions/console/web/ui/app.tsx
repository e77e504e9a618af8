// The page: header, the read-only notice, the screen of the route, the status line, shortcuts.

import { READ_ONLY_EXPLANATION } from '../logic/key-role.ts';
import { useApp } from './app-state.ts';
import { CompareScreen } from './compare/compare-screen.tsx';
import { EditorScreen } from './editor/editor-screen.tsx';
import { Header } from './header.tsx';
import { Library } from './library/library-screen.tsx';
import { ShortcutsDialog } from './shortcuts.tsx';
import { SignIn } from './sign-in.tsx';
import { StatusLine } from './status-line.tsx';

function ReadOnlyNotice() {
  const { session, canEdit } = useApp();
  if (session.adminKey.value === null || canEdit.value) return null;
  return <p class="notice read-only" role="note" data-role={session.keyRole.value}><strong>{'Read only. '}</strong>{READ_ONLY_EXPLANATION}</p>;
}

function Screen() {
  const { session, route } = useApp();
  const r = route.value;
  if (session.adminKey.value === null) return <SignIn />;
  // Keyed by environment too: another environment's flag is another editor, never a reused one.
  if (r.screen === 'editor') return <EditorScreen key={`${r.env}/${r.key}-${r.isNew}`} flagKey={r.key} isNew={r.isNew} template={r.template} />;
  if (r.screen === 'compare') return <CompareScreen key={r.key} flagKey={r.key} />;
  return <Library />;
}

export function App() {
  const { shortcutsOpen } = useApp();
  return (
    <div class="app">
      <Header />
      <ReadOnlyNotice />
      <Screen />
      <StatusLine />
      {shortcutsOpen.value ? <ShortcutsDialog /> : null}
    </div>
  );
}
