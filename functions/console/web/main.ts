// The console's entry: reads /config.json, then renders sign-in, the flag library or the editor
// for the route in the URL hash, with the header, the live status line and the shortcuts.

import { h, render } from 'preact';
import { ConsoleConfigShape } from './api/shapes.ts';
import { announce, canEdit, client, dismissStatus, consoleConfig, environment, loadAttributes, route, shortcutsOpen, status } from './ui/app-state.ts';
import { EditorScreen } from './ui/editor-screen.ts';
import { Library } from './ui/library.ts';
import { adminKey, keyRole, signOut } from './ui/session.ts';
import { READ_ONLY_EXPLANATION } from './logic/key-role.ts';
import { SignIn } from './ui/sign-in.ts';
import { onGlobalKey, ShortcutsDialog } from './ui/shortcuts.ts';
import { effect } from '@preact/signals';

function Header() {
  const identity = consoleConfig.value?.identity;
  return h('header', { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    h('a', { class: 'brand', href: '#/flags' }, 'Switchyard'),
    h('span', { class: 'env' }, `Environment: ${environment.value}`),
    h('span', { class: 'grow' }),
    identity ? h('span', { class: 'identity', title: 'Signed in through Identity-Aware Proxy; recorded as the actor of your changes' }, identity) : null,
    h('button', { type: 'button', class: 'link', 'aria-label': 'Keyboard shortcuts', onClick: () => (shortcutsOpen.value = true) }, '?'),
    adminKey.value ? h('button', { type: 'button', class: 'link', onClick: signOut }, 'Sign out') : null);
}

function App() {
  const r = route.value;
  const s = status.value;
  return h('div', { class: 'app' },
    h(Header, null),
    adminKey.value !== null && !canEdit.value ? h('p', { class: 'notice read-only', role: 'note', 'data-role': keyRole.value }, h('strong', null, 'Read only. '), READ_ONLY_EXPLANATION) : null,
    adminKey.value === null ? h(SignIn, null) : r.screen === 'editor' ? h(EditorScreen, { key: `${r.key}-${r.isNew}`, flagKey: r.key, isNew: r.isNew, template: r.template }) : h(Library, null),
    h('div', { class: `status ${s?.kind ?? ''}`, role: s?.kind === 'error' ? 'alert' : 'status', 'aria-live': s?.kind === 'error' ? 'assertive' : 'polite' },
      s ? h('span', null, s.text) : null,
      s?.kind === 'error' ? h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss this message', onClick: dismissStatus }, '×') : null),
    shortcutsOpen.value ? h(ShortcutsDialog, null) : null);
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
  render(h(App, null), root);
  performance.mark('console-rendered');
}

void start();
