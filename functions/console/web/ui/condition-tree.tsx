// The visual condition builder of one rule: nested AND / OR / NOT groups as boxes inside boxes.
// Every edit is a rule-tree operation, reachable three ways: buttons (with aria-labels), the
// keyboard on a focused condition (Alt+Arrow move, Ctrl+G group, Delete), and drag and drop.

import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { OPERATOR_SPECS, type Operator } from '../../../../shared/rules/index.ts';
import type { Clause, Condition } from '../../../../shared/rules/index.ts';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { newClause } from '../logic/flag-draft.ts';
import { defaultValueFor, OPERATOR_LABELS, operatorsFor } from '../logic/operator-inputs.ts';
import { issuesForField, issuesOfNode, messageIdFor, type Issue } from '../logic/problems.ts';
import { childrenOf, groupKind, groupWithNext, insertAt, isGroup, isNot, moveNode, nodeAt, pointerOf, removeAt, setGroupKind, shiftNode, toggleNot, ungroup, type TreePath } from '../logic/rule-tree.ts';
import { attributes, attributeTypes } from './app-state.ts';
import { valueOf } from './dom.tsx';
import type { Editor } from './editor-state.ts';
import { ValueInput } from './value-input.tsx';

type Dragged = { rule: number; path: TreePath };
let dragged: Dragged | null = null;

const nodeId = (rule: number, path: TreePath) => `node-${rule}-${path.join('-') || 'root'}`;

function Issues({ issues, id }: { issues: readonly Issue[]; id: string }) {
  return <div id={id} class="issues" aria-live="polite">{issues.map((i) => <p class="error" data-error-path={i.path}>{i.message}</p>)}</div>;
}

type Props = { editor: Editor; rule: number; issues: readonly Issue[] };

export function ConditionTree({ editor, rule, issues }: Props) {
  const flag = editor.draft.value;
  const when = flag.rules?.[rule]?.when;
  const base = `/rules/${rule}/when`;

  const setWhen = (next: Condition | undefined, coalesce?: string) =>
    editor.update((f: DraftFlag) => ({ ...f, rules: (f.rules ?? []).map((r, i) => {
      if (i !== rule) return r;
      const { when: _old, ...rest } = r;
      return next === undefined ? rest : { ...rest, when: next };
    }) }), coalesce);

  // After a keyboard move the moved condition keeps the focus at its new place.
  useEffect(() => {
    const f = editor.focus.value;
    if (f && f.rule === rule && f.path !== null) {
      // An effect of an earlier render may run before the moved node exists: keep the request
      // until the render that holds it.
      const target = document.getElementById(nodeId(rule, f.path));
      if (target) {
        target.focus();
        editor.focus.value = null;
      }
    }
  });

  if (when === undefined) {
    return (
      <div class="tree empty">
        <p>Everyone matches this rule.</p>
        <button type="button" onClick={() => setWhen(newClause())}>+ Add condition</button>
      </div>
    );
  }

  const act = (fn: (root: Condition) => { root: Condition | undefined; path?: TreePath }) => {
    const result = fn(when);
    setWhen(result.root);
    if (result.path) editor.focus.value = { rule, path: result.path };
  };

  const onKeyDown = (path: TreePath) => (e: KeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      e.stopPropagation();
      act((root) => shiftNode(root, path, e.key === 'ArrowUp' ? -1 : 1));
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'g') {
      e.preventDefault();
      e.stopPropagation();
      act((root) => groupWithNext(root, path, e.shiftKey ? 'any' : 'all'));
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && e.target === e.currentTarget) {
      e.preventDefault();
      act((root) => ({ root: removeAt(root, path) }));
    }
  };

  const dropOn = (toGroup: TreePath, index: number) => (e: DragEvent) => {
    // Not a condition being dragged (a rule, say): let the drop reach the rule card.
    if (!dragged) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).classList.remove('drop-here');
    const from = dragged;
    dragged = null;
    if (!from) return;
    if (from.rule === rule) return act((root) => ({ root: moveNode(root, from.path, toGroup, index) }));
    // From another rule: take it out there, put it in here.
    const source = editor.draft.value.rules?.[from.rule]?.when;
    const moving = source && nodeAt(source, from.path);
    if (!source || !moving) return;
    editor.update((f) => ({ ...f, rules: (f.rules ?? []).map((r, i) => {
      if (i === from.rule) { const { when: _w, ...rest } = r; const left = removeAt(source, from.path); return left ? { ...rest, when: left } : rest; }
      if (i === rule) return { ...r, when: insertAt(when, toGroup, index, moving) };
      return r;
    }) }));
  };
  const dropProps = (toGroup: TreePath, index: number) => ({
    onDragOver: (e: DragEvent) => { if (dragged) { e.preventDefault(); e.stopPropagation(); (e.currentTarget as HTMLElement).classList.add('drop-here'); } },
    onDragLeave: (e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('drop-here'),
    onDrop: dropOn(toGroup, index),
  });

  const handle = (path: TreePath, label: string) =>
    (
      <span class="handle" draggable title="Drag to move" aria-hidden="true" onDragStart={(e: DragEvent) => { dragged = { rule, path }; e.dataTransfer?.setData('text/plain', label); if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move'; }} onDragEnd={() => (dragged = null)}>
        ⠿
      </span>
    );

  const tools = (path: TreePath, label: string): ComponentChildren => (
    <span class="tools">
      <button type="button" aria-label={`Move ${label} up`} title="Move up (Alt+↑)" onClick={() => act((r) => shiftNode(r, path, -1))}>↑</button>
      <button type="button" aria-label={`Move ${label} down`} title="Move down (Alt+↓)" onClick={() => act((r) => shiftNode(r, path, 1))}>
        ↓
      </button>
      <button type="button" aria-label={`Group ${label} with the next condition`} title="Group with next (Ctrl+G)" onClick={() => act((r) => groupWithNext(r, path))}>
        {'{ }'}
      </button>
      <button type="button" aria-label={`Negate ${label}`} title="NOT" onClick={() => act((r) => ({ root: toggleNot(r, path), path }))}>
        ¬
      </button>
      <button type="button" class="danger" aria-label={`Delete ${label}`} title="Delete" onClick={() => act((r) => ({ root: removeAt(r, path) }))}>
        ×
      </button>
    </span>
  );

  const renderNode = (node: Condition, path: TreePath): ComponentChildren => {
    const pointer = pointerOf(when, path, base);
    const nodeIssues = issuesOfNode(issues, pointer);
    const label = path.length === 0 ? 'root condition' : `condition ${path.map((i) => i + 1).join('.')}`;
    const wrapper = (cls: string, body: ComponentChildren) =>
      (
        <div class={`node ${cls}`} id={nodeId(rule, path)} tabIndex={0} data-path={pointer} aria-label={label} onKeyDown={onKeyDown(path)} {...dropProps(path.slice(0, -1), path[path.length - 1] ?? 0)}>
          {body}
          {nodeIssues.length ? <Issues issues={nodeIssues} id={messageIdFor(pointer)} /> : null}
        </div>
      );

    if (isGroup(node)) {
      const kind = groupKind(node)!;
      const children = childrenOf(node);
      return wrapper(`group ${kind}`, [
        (
          <div class="group-head">
            {handle(path, label)}
            <label class="visually-hidden" for={`${nodeId(rule, path)}-kind`}>{`Combine ${label} with`}</label>
            <select id={`${nodeId(rule, path)}-kind`} value={kind} onChange={(e: Event) => setWhen(setGroupKind(when, path, valueOf(e) as 'all' | 'any'))}>
              <option value="all">ALL of (AND)</option>
              <option value="any">ANY of (OR)</option>
            </select>
            <span class="tools">
              <button type="button" aria-label={`Add a condition to ${label}`} onClick={() => act((r) => ({ root: insertAt(r, path, children.length, newClause()), path: [...path, children.length] }))}>
                + Condition
              </button>
              <button type="button" aria-label={`Add a group to ${label}`} onClick={() => act((r) => ({ root: insertAt(r, path, children.length, { any: [newClause()] }), path: [...path, children.length] }))}>
                + Group
              </button>
              <button type="button" aria-label={`Ungroup ${label}`} onClick={() => setWhen(ungroup(when, path))}>Ungroup</button>
            </span>
            {path.length > 0 ? tools(path, label) : null}
          </div>
        ),
        <ol class="children">{children.map((child, i) => <li key={i}>{renderNode(child, [...path, i])}</li>)}</ol>,
        (
          <div class="drop-end" {...dropProps(path, children.length)}>
            {children.length === 0 ? 'Empty group: drop or add conditions' : 'Drop here to add at the end'}
          </div>
        ),
      ]);
    }
    if (isNot(node)) {
      return wrapper('not', [<div class="group-head">{handle(path, label)}<strong>NOT</strong>{tools(path, label)}</div>, renderNode(node.not, [...path, 0])]);
    }
    if ('segment' in node) {
      const id = `${nodeId(rule, path)}-segment`;
      return wrapper('clause', [handle(path, label), <label for={id}>{'in segment '}</label>,
        <input id={id} value={node.segment} onInput={(e: Event) => setWhen(replaceNode(when, path, { segment: valueOf(e) }), id)} />, tools(path, label),
        <Issues issues={issuesForField(issues, pointer, 'value').concat(issues.filter((i) => i.path === `${pointer}/segment`))} id={messageIdFor(`${pointer}/segment`)} />]);
    }
    return wrapper('clause', [handle(path, label), <ClauseFields node={node as Clause} pointer={pointer} issues={issues} idBase={nodeId(rule, path)} onChange={(next: Clause, coalesce?: string) => setWhen(replaceNode(when, path, next), coalesce)} />, tools(path, label)]);
  };

  return (
    <div class="tree">
      {isGroup(when) ? null : <div class="tree-actions">
        <button type="button" onClick={() => act((r) => ({ root: insertAt(r, [], 1, newClause()), path: [1] }))}>+ AND condition</button>
        <button type="button" onClick={() => setWhen(undefined)}>Match everyone</button>
      </div>}
      {renderNode(when, [])}
    </div>
  );
}

function replaceNode(root: Condition, path: TreePath, next: Condition): Condition {
  if (path.length === 0) return next;
  const parent = nodeAt(root, path.slice(0, -1))!;
  const index = path[path.length - 1]!;
  const children = [...childrenOf(parent)];
  children[index] = next;
  const rebuilt: Condition = 'all' in parent ? { all: children } : 'any' in parent ? { any: children } : { not: children[0]! };
  return replaceNode(root, path.slice(0, -1), rebuilt);
}

type ClauseProps = { node: Clause; pointer: string; issues: readonly Issue[]; idBase: string; onChange: (next: Clause, coalesce?: string) => void };

function ClauseFields({ node, pointer, issues, idBase, onChange }: ClauseProps) {
  const attr = attributeTypes.value.get(node.attr ?? '');
  const ops = operatorsFor(attr?.type);
  const options = ops.includes(node.op) ? ops : [node.op, ...ops];
  const field = (name: 'attr' | 'op' | 'value') => {
    const found = issuesForField(issues, pointer, name);
    return { found, id: messageIdFor(`${pointer}/${name}`) };
  };
  const a = field('attr');
  const o = field('op');
  const v = field('value');
  const needsAttr = OPERATOR_SPECS[node.op].needsAttr;
  return (
    <div class="clause-fields">
      {needsAttr ? <div class="cf attr">
        <label for={`${idBase}-attr`} class="visually-hidden">Attribute</label>
        <input id={`${idBase}-attr`} list="attribute-names" value={node.attr ?? ''} placeholder="attribute" aria-describedby={a.id} aria-invalid={a.found.length ? 'true' : 'false'} title={attr?.description} onInput={(e: Event) => onChange({ ...node, attr: valueOf(e) }, `${idBase}-attr`)} />
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
          {options.map((op) => <option value={op}>{OPERATOR_LABELS[op]}</option>)}
        </select>
        <Issues issues={o.found} id={o.id} />
      </div>
      <div class="cf value">
        <label for={`${idBase}-value`} class="visually-hidden">Value</label>
        <ValueInput id={`${idBase}-value`} op={node.op} value={node.value} type={attr?.type} allowed={attr?.allowedValues} describedBy={v.id} invalid={v.found.length > 0} onChange={(value: unknown, coalesce?: string) => onChange({ ...node, value } as Clause, coalesce)} />
        {OPERATOR_SPECS[node.op].foldsCase ? <label class="ci">
          <input type="checkbox" checked={node.caseInsensitive === true} onChange={() => onChange({ ...node, caseInsensitive: !node.caseInsensitive })} />
          {' ignore case'}
        </label> : null}
        <Issues issues={v.found} id={v.id} />
      </div>
    </div>
  );
}

/** The catalogue as one datalist every attribute input shares. */
export function AttributeList() {
  return <datalist id="attribute-names">{attributes.value.map((a) => <option value={a.name}>{`${a.name} (${a.type})`}</option>)}</datalist>;
}
