// A clause's fields: the attribute (from the catalogue, its type shown), the operators that fit
// its type, and the value input the operator needs; each with its own messages.

import { OPERATOR_SPECS, type Clause, type Operator } from '../../../../../shared/rules/index.ts';
import { defaultValueFor, OPERATOR_LABELS, operatorsFor } from '../../logic/operator-inputs.ts';
import { issuesForField, messageIdFor, type Issue } from '../../logic/problems.ts';
import { fitClauseToAttribute, valueOptions, withSuggestion } from '../../logic/value-domains.ts';
import { useSignal } from '@preact/signals';
import { useApp } from '../app-state.ts';
import { valueOf } from '../dom.ts';
import { ValueInput } from '../value-input.tsx';
import { Issues } from './issues.tsx';
import { ValueWarnings } from './value-warnings.tsx';

/** `warnings`: validate's value warnings of the whole draft; the clause shows those of its value. */
type ClauseProps = { node: Clause; pointer: string; issues: readonly Issue[]; warnings: readonly Issue[]; idBase: string; onChange: (next: Clause, coalesce?: string) => void };

export function ClauseFields({ node, pointer, issues, warnings, idBase, onChange }: ClauseProps) {
  const { attributeTypes } = useApp();
  /** What the last change of attribute did to the values, in one line (until the next one). */
  const fitNote = useSignal<string | null>(null);
  const attr = attributeTypes.value.get(node.attr ?? '');
  const ops = operatorsFor(attr?.type);
  const opChoices = ops.includes(node.op) ? ops : [node.op, ...ops];
  const field = (name: 'attr' | 'op' | 'value') => {
    const found = issuesForField(issues, pointer, name);
    return { found, id: messageIdFor(`${pointer}/${name}`) };
  };
  const a = field('attr');
  const o = field('op');
  const v = field('value');
  const needsAttr = OPERATOR_SPECS[node.op].needsAttr;
  const valuePointer = `${pointer}/value`;
  // A value not typed yet ('' of a new clause) is not a mistake to point at while typing; the
  // warnings list above still names it.
  const valueWarnings = node.value === '' ? [] : issuesForField(warnings, pointer, 'value');
  const warningsId = `${v.id}-warnings`;
  const options = valueOptions(attr);
  const setAttr = (name: string) => {
    const before = node.attr;
    const known = attributeTypes.value.get(name);
    // Only a move to a known attribute converts: the names typed on the way there leave values alone.
    const fitted = known && name !== before ? fitClauseToAttribute({ ...node, attr: name }, known) : { clause: { ...node, attr: name } };
    fitNote.value = fitted.note ?? (known ? null : fitNote.value);
    onChange(fitted.clause, `${idBase}-attr`);
  };
  return (
    <div class="clause-fields">
      {needsAttr ? <div class="cf attr">
        <label for={`${idBase}-attr`} class="visually-hidden">Attribute</label>
        <input id={`${idBase}-attr`} list="attribute-names" value={node.attr ?? ''} placeholder="attribute" aria-describedby={a.id} aria-invalid={a.found.length ? 'true' : 'false'} title={attr?.description} onInput={(e: Event) => setAttr(valueOf(e))} />
        {attr ? <span class="type">{attr.type}</span> : null}
        <Issues issues={a.found} id={a.id} />
      </div> : null}
      <div class="cf op">
        <label for={`${idBase}-op`} class="visually-hidden">Operator</label>
        <select id={`${idBase}-op`} value={node.op} aria-describedby={o.id} onChange={(e: Event) => {
          const op = valueOf(e) as Operator;
          const value = defaultValueFor(op, node.value);
          const { value: _v, attr: _a, ...rest } = node;
          const next: Clause = { ...rest, op, ...(OPERATOR_SPECS[op].needsAttr ? { attr: node.attr ?? '' } : {}), ...(value === undefined ? {} : { value }) };
          if (!OPERATOR_SPECS[op].foldsCase) delete next.caseInsensitive;
          onChange(next);
        }}>
          {opChoices.map((op) => <option value={op}>{OPERATOR_LABELS[op]}</option>)}
        </select>
        <Issues issues={o.found} id={o.id} />
      </div>
      <div class="cf value">
        <label for={`${idBase}-value`} class="visually-hidden">Value</label>
        <ValueInput id={`${idBase}-value`} op={node.op} value={node.value} type={attr?.type} options={options} describedBy={valueWarnings.length ? `${v.id} ${warningsId}` : v.id} invalid={v.found.length > 0} onChange={(value: unknown, coalesce?: string) => onChange({ ...node, value } as Clause, coalesce)} />
        {OPERATOR_SPECS[node.op].foldsCase ? <label class="ci">
          <input type="checkbox" checked={node.caseInsensitive === true} onChange={() => onChange({ ...node, caseInsensitive: !node.caseInsensitive })} />
          {' ignore case'}
        </label> : null}
        <Issues issues={v.found} id={v.id} />
      </div>
      <ValueWarnings warnings={valueWarnings} id={warningsId} valuePointer={valuePointer} value={node.value} onFix={(relative, suggestion) => onChange({ ...node, value: withSuggestion(node.value, relative, suggestion) } as Clause)} />
      {fitNote.value ? <p class="fit-note" role="status">{fitNote.value}</p> : null}
    </div>
  );
}
