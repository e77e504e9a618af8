// The flag's own fields: name, description, tags, owner, on/off, variants, default and off variants.

import { h } from 'preact';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { issuesUnder, messageIdFor, type Issue } from '../logic/problems.ts';
import { checkedOf, valueOf } from './dom.ts';
import type { Editor } from './editor-state.ts';

function parseJsonish(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function IssueList({ issues, pointer }: { issues: readonly Issue[]; pointer: string }) {
  const found = issuesUnder(issues, pointer);
  return h('div', { id: messageIdFor(pointer), class: 'issues' }, found.map((i) => h('p', { class: 'error', 'data-error-path': i.path }, i.message)));
}

export function FlagSettings({ editor }: { editor: Editor }) {
  const flag = editor.draft.value;
  const issues = [...(editor.validation.value?.errors ?? []), ...editor.saveIssues.value];
  const set = (patch: Partial<DraftFlag>, coalesce?: string) => editor.update((f) => ({ ...f, ...patch }), coalesce);
  const variants = Object.entries(flag.variants);
  const setVariants = (entries: [string, unknown][], coalesce?: string) => set({ variants: Object.fromEntries(entries) as DraftFlag['variants'] }, coalesce);
  const text = (id: string, label: string, value: string, onInput: (v: string) => void, pointer: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label),
      h('input', { id, value, 'aria-describedby': messageIdFor(pointer), onInput: (e: Event) => onInput(valueOf(e)) }), h(IssueList, { issues, pointer }));
  return h('section', { class: 'settings', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title' }, 'Flag'),
    h('label', { class: 'switch' }, h('input', { type: 'checkbox', role: 'switch', checked: flag.enabled, onChange: (e: Event) => set({ enabled: checkedOf(e) }) }), flag.enabled ? ' Enabled: rules decide' : ' Disabled: everyone gets the off variant'),
    h('label', { class: 'switch' }, h('input', { type: 'checkbox', role: 'switch', checked: flag.clientVisible === true, onChange: (e: Event) => set({ clientVisible: checkedOf(e) }) }),
      flag.clientVisible ? ' Visible to client keys: browsers may evaluate it' : ' Server keys only: client (browser) keys never see it'),
    text('flag-name', 'Name', flag.name ?? '', (v) => set({ name: v }, 'name'), '/name'),
    text('flag-description', 'Description', flag.description ?? '', (v) => set({ description: v }, 'description'), '/description'),
    text('flag-tags', 'Tags (comma separated)', (flag.tags ?? []).join(', '), (v) => set({ tags: v.split(',').map((t) => t.trim()).filter((t) => t.length > 0) }, 'tags'), '/tags'),
    text('flag-owner', 'Owner', flag.owner ?? '', (v) => set({ owner: v }, 'owner'), '/owner'),
    h('fieldset', { class: 'variants', id: 'flag-variants', tabIndex: -1 }, h('legend', null, 'Variants'),
      variants.map(([key, value], i) => h('div', { class: 'variant-row', key: i },
        h('label', { class: 'visually-hidden', for: `variant-${i}-key` }, `Variant ${i + 1} key`),
        h('input', { id: `variant-${i}-key`, class: 'narrow', value: key, onInput: (e: Event) => setVariants(variants.map(([k, v], j) => (j === i ? [valueOf(e), v] : [k, v])), `variant-${i}-key`) }),
        h('label', { class: 'visually-hidden', for: `variant-${i}-value` }, `Variant ${i + 1} value (JSON)`),
        h('input', { id: `variant-${i}-value`, class: 'mono', value: JSON.stringify(value), onInput: (e: Event) => setVariants(variants.map(([k, v], j) => (j === i ? [k, parseJsonish(valueOf(e))] : [k, v])), `variant-${i}-value`) }),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Remove variant ${key}`, onClick: () => setVariants(variants.filter((_, j) => j !== i)) }, '×'))),
      h('button', { type: 'button', onClick: () => setVariants([...variants, [`variant-${variants.length + 1}`, `variant-${variants.length + 1}`]]) }, '+ Variant'),
      h(IssueList, { issues, pointer: '/variants' })),
    (['defaultVariant', 'offVariant'] as const).map((name) => h('div', { class: 'field' },
      h('label', { for: `flag-${name}` }, name === 'defaultVariant' ? 'Default variant (no rule matched)' : 'Off variant (disabled)'),
      h('select', { id: `flag-${name}`, value: flag[name], 'aria-describedby': messageIdFor(`/${name}`), onChange: (e: Event) => set({ [name]: valueOf(e) }) }, variants.map(([k]) => h('option', { value: k }, k))),
      h(IssueList, { issues, pointer: `/${name}` }))));
}
