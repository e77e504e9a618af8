// An AND / OR group: how its members combine, buttons to add members, its members in order, and
// a drop zone at its end.

import type { Condition } from '../../../../../shared/rules/index.ts';
import { newClause } from '../../logic/flag-draft.ts';
import type { Issue } from '../../logic/problems.ts';
import { childrenOf, insertAt, setGroupKind, ungroup, type GroupKind, type TreePath } from '../../logic/rule-tree.ts';
import { valueOf } from '../dom.ts';
import { ConditionNode } from './condition-node.tsx';
import { DragHandle, NodeTools } from './node-tools.tsx';
import { nodeId, nodeLabel, type TreeActions } from './tree-actions.ts';

type Props = { actions: TreeActions; node: { all: Condition[] } | { any: Condition[] }; path: TreePath; issues: readonly Issue[] };

function GroupHead({ actions, node, path }: Omit<Props, 'issues'>) {
  const { act, setWhen, when } = actions;
  const kind: GroupKind = 'all' in node ? 'all' : 'any';
  const count = childrenOf(node).length;
  const label = nodeLabel(path);
  const id = `${nodeId(actions.rule, path)}-kind`;
  return (
    <div class="group-head">
      <DragHandle actions={actions} path={path} label={label} />
      <label class="visually-hidden" for={id}>{`Combine ${label} with`}</label>
      <select id={id} value={kind} onChange={(e: Event) => setWhen(setGroupKind(when()!, path, valueOf(e) as GroupKind))}>
        <option value="all">ALL of (AND)</option>
        <option value="any">ANY of (OR)</option>
      </select>
      <span class="tools">
        <button type="button" aria-label={`Add a condition to ${label}`} onClick={() => act((r) => ({ root: insertAt(r, path, count, newClause()), path: [...path, count] }))}>+ Condition</button>
        <button type="button" aria-label={`Add a group to ${label}`} onClick={() => act((r) => ({ root: insertAt(r, path, count, { any: [newClause()] }), path: [...path, count] }))}>+ Group</button>
        <button type="button" aria-label={`Ungroup ${label}`} onClick={() => setWhen(ungroup(when()!, path))}>Ungroup</button>
      </span>
      {path.length > 0 ? <NodeTools actions={actions} path={path} label={label} /> : null}
    </div>
  );
}

export function GroupNode({ actions, node, path, issues }: Props) {
  const children = childrenOf(node);
  return (
    <>
      <GroupHead actions={actions} node={node} path={path} />
      <ol class="children">
        {children.map((child, i) => <li key={i}><ConditionNode actions={actions} node={child} path={[...path, i]} issues={issues} /></li>)}
      </ol>
      <div class="drop-end" {...actions.dropZone(path, children.length)}>
        {children.length === 0 ? 'Empty group: drop or add conditions' : 'Drop here to add at the end'}
      </div>
    </>
  );
}
