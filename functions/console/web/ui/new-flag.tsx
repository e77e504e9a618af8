// Choosing a key and a starting point (blank or a template) for a new flag.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { valueOf } from './dom.ts';

export type Template = { readonly id: string; readonly title: string; readonly description: string; readonly flag: DraftFlag };
type Props = { templates: readonly Template[]; taken: ReadonlySet<string>; onClose: () => void; onCreate: (key: string, template?: string) => void };

const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function NewFlagDialog({ templates, taken, onClose, onCreate }: Props) {
  const keySignal = useSignal('');
  const template = useSignal('');
  const key = keySignal.value;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const problem = key.length === 0 ? null : !KEY.test(key) ? 'Letters, digits, ".", "_", ":" and "-", starting with a letter or digit' : taken.has(key) ? 'A flag with this key exists' : null;
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="new-flag-title" onClose={onClose}>
      <form method="dialog" onSubmit={(e: Event) => { e.preventDefault(); if (!problem && key) onCreate(key, template.value || undefined); }}>
        <h2 id="new-flag-title">New flag</h2>
        <div class="field">
          <label for="new-flag-key">Key</label>
          <input id="new-flag-key" value={key} required aria-invalid={problem ? 'true' : 'false'} aria-describedby="new-flag-key-msg" onInput={(e: Event) => (keySignal.value = valueOf(e).trim())} />
          <p id="new-flag-key-msg" class={problem ? 'error' : 'hint'}>{problem ?? 'Used by the SDKs; cannot change later.'}</p>
        </div>
        <fieldset class="templates">
          <legend>Start from</legend>
          {[{ id: '', title: 'Blank', description: 'A boolean flag with no rules, off.' }, ...templates].map((t) =>
            <label class="template">
            <input type="radio" name="template" value={t.id} checked={template.value === t.id} onChange={() => (template.value = t.id)} />
            <span><strong>{t.title}</strong><span class="muted">{` ${t.description}`}</span></span>
          </label>)}
        </fieldset>
        <div class="actions">
          <button type="button" onClick={() => { ref.current?.close(); onClose(); }}>Cancel</button>
          <button type="submit" class="primary" disabled={problem !== null || key.length === 0}>Create draft</button>
        </div>
      </form>
    </dialog>
  );
}
