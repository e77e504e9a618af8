// What a rule serves: one variant, or a percentage split whose total is summed live as weights
// are typed (with "Even split" and the remainder taken by the last variant).

import { h } from 'preact';
import type { Split } from '../../../../shared/rules/index.ts';
import type { DraftFlag, DraftServe } from '../logic/flag-draft.ts';
import { issuesUnder, messageIdFor, type Issue } from '../logic/problems.ts';
import { evenSplit, setWeight, weightVerdict } from '../logic/weights.ts';
import { valueOf } from './dom.ts';

type Props = { flag: DraftFlag; serve: DraftServe; pointer: string; issues: readonly Issue[]; idBase: string; onChange: (serve: DraftServe, coalesce?: string) => void };

export function SplitEditor({ split, variants, idBase, onChange }: { split: readonly Split[]; variants: readonly string[]; idBase: string; onChange: (s: Split[], coalesce?: string) => void }) {
  const verdict = weightVerdict(split);
  return h('div', { class: 'split' },
    h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Variant'), h('th', { scope: 'col' }, 'Weight %'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Share')))),
      h('tbody', null, split.map((s, i) => h('tr', { key: s.variant },
        h('td', null, h('label', { for: `${idBase}-w${i}` }, s.variant)),
        h('td', null, h('input', { id: `${idBase}-w${i}`, type: 'number', min: 0, max: 100, step: 'any', class: 'narrow', value: s.weight,
          onInput: (e: Event) => onChange(setWeight(split, i, Number(valueOf(e))), `${idBase}-w${i}`) })),
        h('td', null, h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${Math.min(100, s.weight)}%` } }))))))),
    h('p', { class: verdict.ok ? 'ok' : 'error', role: 'status', id: `${idBase}-total` }, verdict.message),
    h('button', { type: 'button', onClick: () => onChange(evenSplit(variants)) }, 'Even split'));
}

export function ServeEditor({ flag, serve, pointer, issues, idBase, onChange }: Props) {
  const variants = Object.keys(flag.variants);
  const isSplit = 'rollout' in serve;
  const serveIssues = issuesUnder(issues, pointer);
  return h('fieldset', { class: 'serve', id: idBase, tabIndex: -1 },
    h('legend', null, 'Serve'),
    h('label', null, h('input', { type: 'radio', name: `${idBase}-mode`, checked: !isSplit, onChange: () => onChange({ variant: variants[0] ?? 'on' }) }), ' a variant'),
    h('label', null, h('input', { type: 'radio', name: `${idBase}-mode`, checked: isSplit, onChange: () => onChange({ rollout: { by: 'targetingKey', split: evenSplit(variants) } }) }), ' a percentage split'),
    !isSplit
      ? h('div', { class: 'field inline' }, h('label', { for: `${idBase}-variant` }, 'Variant'),
          h('select', { id: `${idBase}-variant`, value: serve.variant, onChange: (e: Event) => onChange({ variant: valueOf(e) }) }, variants.map((v) => h('option', { value: v }, v))))
      : h('div', null,
          h(SplitEditor, { split: serve.rollout.split, variants, idBase, onChange: (split, coalesce) => onChange({ rollout: { ...serve.rollout, split } }, coalesce) }),
          h('div', { class: 'field inline' }, h('label', { for: `${idBase}-by` }, 'Bucket by'),
            h('input', { id: `${idBase}-by`, list: 'attribute-names', value: serve.rollout.by ?? 'targetingKey', onInput: (e: Event) => onChange({ rollout: { ...serve.rollout, by: valueOf(e) } }, `${idBase}-by`) })),
          h('div', { class: 'field inline' }, h('label', { for: `${idBase}-exp` }, 'Experiment id (optional)'),
            h('input', { id: `${idBase}-exp`, value: serve.rollout.experiment?.id ?? '', onInput: (e: Event) => {
              const id = valueOf(e);
              const { experiment: _x, ...rest } = serve.rollout;
              onChange({ rollout: id ? { ...rest, experiment: { id } } : rest }, `${idBase}-exp`);
            } }))),
    h('div', { id: messageIdFor(pointer), class: 'issues' }, serveIssues.map((i) => h('p', { class: 'error', 'data-error-path': i.path }, i.message))));
}
