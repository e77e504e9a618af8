// Keyboard shortcuts for the whole console, and the list shown under `?`.

import { useEffect, useRef } from 'preact/hooks';
import { go, route, shortcutsOpen } from './app-state.ts';
import { isTyping } from './dom.tsx';
import { activeEditor } from './editor-screen.tsx';

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['?', 'Show this list'],
  ['/', 'Search flags'],
  ['n', 'New flag'],
  ['Ctrl+S', 'Save the flag'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z (or Ctrl+Y)', 'Redo'],
  ['Alt+↑ / Alt+↓', 'Move the focused condition (out of and into groups) or rule'],
  ['Ctrl+G', 'Group the focused condition with the next one (AND); Ctrl+Shift+G for OR'],
  ['Delete', 'Delete the focused condition'],
  ['← / →', 'Switch editor tabs'],
  ['Esc', 'Close dialogs'],
];

export function onGlobalKey(e: KeyboardEvent): void {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z' && activeEditor && route.value.screen === 'editor') {
    e.preventDefault();
    if (e.shiftKey) activeEditor.redo();
    else activeEditor.undo();
    return;
  }
  if (mod && key === 'y' && activeEditor && route.value.screen === 'editor') {
    e.preventDefault();
    activeEditor.redo();
    return;
  }
  if (mod && key === 's' && activeEditor && route.value.screen === 'editor') {
    e.preventDefault();
    void activeEditor.save();
    return;
  }
  if (mod || e.altKey || isTyping(e.target)) return;
  if (e.key === '?') (e.preventDefault(), (shortcutsOpen.value = true));
  else if (e.key === '/' && route.value.screen === 'library') (e.preventDefault(), document.getElementById('flag-search')?.focus());
  else if (e.key === 'n' && route.value.screen === 'library') (e.preventDefault(), document.querySelector<HTMLButtonElement>('.library .toolbar .primary')?.click());
  else if (e.key === 'Escape') shortcutsOpen.value = false;
  else if (e.key === 'g' && route.value.screen === 'editor') go('#/flags');
}

export function ShortcutsDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="shortcuts-title" onClose={() => (shortcutsOpen.value = false)}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl class="shortcuts">{SHORTCUTS.flatMap(([k, what]) => [<dt><kbd>{k}</kbd></dt>, <dd>{what}</dd>])}</dl>
      <button type="button" onClick={() => (shortcutsOpen.value = false)}>Close</button>
    </dialog>
  );
}
