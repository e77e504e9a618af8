// The console's entry: reads /config.json, then renders sign-in, the flag library or the editor
// for the route in the URL hash, with the header, the live status line and the shortcuts.

import { render } from 'preact';
import { ConsoleConfigShape } from './api/shapes.ts';
import { announce, canEdit, client, dismissStatus, consoleConfig, environment, loadAttributes, route, shortcutsOpen, status } from './ui/app-state.ts';
import { EditorScreen } from './ui/editor-screen.tsx';
import { Library } from './ui/library.tsx';
import { adminKey, keyRole, signOut } from './ui/session.ts';
import { READ_ONLY_EXPLANATION } from './logic/key-role.ts';
import { SignIn } from './ui/sign-in.tsx';
import { onGlobalKey, ShortcutsDialog } from './ui/shortcuts.tsx';
import { effect } from '@preact/signals';

function Header() {
  const identity = consoleConfig.value?.identity;
  return (
    <header class="top">
      <a class="skip" href="#main">Skip to content</a>
      <a class="brand" href="#/flags">Switchyard</a>
      <span class="env">{`Environment: ${environment.value}`}</span>
      <span class="grow" />
      {identity ? <span class="identity" title="Signed in through Identity-Aware Proxy; recorded as the actor of your changes">{identity}</span> : null}
      <button type="button" class="link" aria-label="Keyboard shortcuts" onClick={() => (shortcutsOpen.value = true)}>?</button>
      {adminKey.value ? <button type="button" class="link" onClick={signOut}>Sign out</button> : null}
    </header>
  );
}

function App() {
  const r = route.value;
  const s = status.value;
  return (
    <div class="app">
      <Header />
      {adminKey.value !== null && !canEdit.value ? <p class="notice read-only" role="note" data-role={keyRole.value}><strong>{'Read only. '}</strong>{READ_ONLY_EXPLANATION}</p> : null}
      {adminKey.value === null ? <SignIn /> : r.screen === 'editor' ? <EditorScreen key={`${r.key}-${r.isNew}`} flagKey={r.key} isNew={r.isNew} template={r.template} /> : <Library />}
      <div class={`status ${s?.kind ?? ''}`} role={s?.kind === 'error' ? 'alert' : 'status'} aria-live={s?.kind === 'error' ? 'assertive' : 'polite'}>
        {s ? <span>{s.text}</span> : null}
        {s?.kind === 'error' ? <button type="button" class="dismiss" aria-label="Dismiss this message" onClick={dismissStatus}>×</button> : null}
      </div>
      {shortcutsOpen.value ? <ShortcutsDialog /> : null}
    </div>
  );
}

async function start() {
  const root = document.getElementById('app')!;
  try {
    const response = await fetch('config.json', { headers: { Accept: 'application/json' } });
    const parsed = ConsoleConfigShape.safeParse(await response.json());
    if (!parsed.success) throw new Error('config.json is not in the expected shape');
    consoleConfig.value = parsed.data;
  } catch (err) {
    root.textContent = `The console could not read its configuration: ${(err as Error).message}`;
    return;
  }
  addEventListener('keydown', onGlobalKey);
  // The attribute catalogue once signed in (and again after a new sign-in).
  effect(() => {
    const c = client.value;
    if (adminKey.value && c) loadAttributes(c).catch((err: Error) => announce(`Attribute catalogue unavailable: ${err.message}`, 'error'));
  });
  root.textContent = '';
  render(<App />, root);
  performance.mark('console-rendered');
}

void start();
