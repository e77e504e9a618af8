// Keyboard shortcuts for the whole console, and the list shown under `?`.

import { useEffect, useRef } from 'preact/hooks';
import { useApp, type AppState } from './app-state.ts';
import { isTyping } from './dom.ts';

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

/** The console-wide key handler of one app: editor keys while a flag is open, the rest when not typing. */
export function globalKeyHandler(app: AppState): (e: KeyboardEvent) => void {
  return (e) => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const screen = app.route.value.screen;
    const editor = screen === 'editor' ? app.activeEditor.value : null;
    if (mod && editor && (key === 'z' || key === 'y' || key === 's')) {
      e.preventDefault();
      if (key === 's') void editor.save();
      else if (key === 'y' || e.shiftKey) editor.redo();
      else editor.undo();
      return;
    }
    if (mod || e.altKey || isTyping(e.target)) return;
    if (e.key === '?') (e.preventDefault(), (app.shortcutsOpen.value = true));
    else if (e.key === '/' && screen === 'library') (e.preventDefault(), document.getElementById('flag-search')?.focus());
    else if (e.key === 'n' && screen === 'library') (e.preventDefault(), document.querySelector<HTMLButtonElement>('.library .toolbar .primary')?.click());
    else if (e.key === 'Escape') app.shortcutsOpen.value = false;
    else if (e.key === 'g' && screen === 'editor') app.go({ screen: 'library', env: app.environment.value });
  };
}

export function ShortcutsDialog() {
  const { shortcutsOpen } = useApp();
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
