// Choosing a key and a starting point (blank or a template) for a new flag.

import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { valueOf } from './dom.ts';

export type Template = { readonly id: string; readonly title: string; readonly description: string; readonly flag: DraftFlag };
type Props = { templates: readonly Template[]; taken: ReadonlySet<string>; onClose: () => void; onCreate: (key: string, template?: string) => void };

const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function NewFlagDialog({ templates, taken, onClose, onCreate }: Props) {
  const [key, setKey] = useState('');
  const [template, setTemplate] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const problem = key.length === 0 ? null : !KEY.test(key) ? 'Letters, digits, ".", "_", ":" and "-", starting with a letter or digit' : taken.has(key) ? 'A flag with this key exists' : null;
  return h('dialog', { ref, class: 'dialog', 'aria-labelledby': 'new-flag-title', onClose },
    h('form', { method: 'dialog', onSubmit: (e: Event) => { e.preventDefault(); if (!problem && key) onCreate(key, template || undefined); } },
      h('h2', { id: 'new-flag-title' }, 'New flag'),
      h('div', { class: 'field' }, h('label', { for: 'new-flag-key' }, 'Key'),
        h('input', { id: 'new-flag-key', value: key, required: true, 'aria-invalid': problem ? 'true' : 'false', 'aria-describedby': 'new-flag-key-msg', onInput: (e: Event) => setKey(valueOf(e).trim()) }),
        h('p', { id: 'new-flag-key-msg', class: problem ? 'error' : 'hint' }, problem ?? 'Used by the SDKs; cannot change later.')),
      h('fieldset', { class: 'templates' }, h('legend', null, 'Start from'),
        [{ id: '', title: 'Blank', description: 'A boolean flag with no rules, off.' }, ...templates].map((t) =>
          h('label', { class: 'template' },
            h('input', { type: 'radio', name: 'template', value: t.id, checked: template === t.id, onChange: () => setTemplate(t.id) }),
            h('span', null, h('strong', null, t.title), h('span', { class: 'muted' }, ` ${t.description}`))))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onClick: () => { ref.current?.close(); onClose(); } }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary', disabled: problem !== null || key.length === 0 }, 'Create draft'))));
}
