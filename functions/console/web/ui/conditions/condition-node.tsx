// One node of the condition tree, as a focusable box that is also a drop zone: a group (with
// its members inside), a NOT, a segment reference or a clause.

import type { ComponentChildren } from 'preact';
import type { Clause, Condition } from '../../../../../shared/rules/index.ts';
import { issuesForField, issuesOfNode, messageIdFor, type Issue } from '../../logic/problems.ts';
import { isGroup, isNot, pointerOf, replaceAt, type TreePath } from '../../logic/rule-tree.ts';
import { valueOf } from '../dom.ts';
import { ClauseFields } from './clause-fields.tsx';
import { GroupNode } from './group-node.tsx';
import { Issues } from './issues.tsx';
import { DragHandle, NodeTools } from './node-tools.tsx';
import { nodeId, nodeLabel, type TreeActions } from './tree-actions.ts';

export type NodeProps = { actions: TreeActions; node: Condition; path: TreePath; issues: readonly Issue[] };

function NodeBox({ actions, path, pointer, issues, kind, children }: { actions: TreeActions; path: TreePath; pointer: string; issues: readonly Issue[]; kind: string; children: ComponentChildren }) {
  const nodeIssues = issuesOfNode(issues, pointer);
  return (
    <div class={`node ${kind}`} id={nodeId(actions.rule, path)} tabIndex={0} data-path={pointer} aria-label={nodeLabel(path)} onKeyDown={actions.onKeyDown(path)} {...actions.dropZone(path.slice(0, -1), path[path.length - 1] ?? 0)}>
      {children}
      {nodeIssues.length ? <Issues issues={nodeIssues} id={messageIdFor(pointer)} /> : null}
    </div>
  );
}

function SegmentFields({ actions, segment, path, pointer, issues }: { actions: TreeActions; segment: string; path: TreePath; pointer: string; issues: readonly Issue[] }) {
  const id = `${nodeId(actions.rule, path)}-segment`;
  const found = issuesForField(issues, pointer, 'value').concat(issues.filter((i) => i.path === `${pointer}/segment`));
  const setSegment = (e: Event) => actions.setWhen(replaceAt(actions.when()!, path, { segment: valueOf(e) }), id);
  return (
    <>
      <label for={id}>{'in segment '}</label>
      <input id={id} value={segment} onInput={setSegment} />
      <NodeTools actions={actions} path={path} label={nodeLabel(path)} />
      <Issues issues={found} id={messageIdFor(`${pointer}/segment`)} />
    </>
  );
}

export function ConditionNode({ actions, node, path, issues }: NodeProps) {
  const root = actions.when()!;
  const pointer = pointerOf(root, path, `/rules/${actions.rule}/when`);
  const label = nodeLabel(path);
  const box = (kind: string, children: ComponentChildren) => <NodeBox actions={actions} path={path} pointer={pointer} issues={issues} kind={kind}>{children}</NodeBox>;
  if (isGroup(node)) return box(`group ${'all' in node ? 'all' : 'any'}`, <GroupNode actions={actions} node={node} path={path} issues={issues} />);
  if (isNot(node)) {
    return box('not', (
      <>
        <div class="group-head"><DragHandle actions={actions} path={path} label={label} /><strong>NOT</strong><NodeTools actions={actions} path={path} label={label} /></div>
        <ConditionNode actions={actions} node={node.not} path={[...path, 0]} issues={issues} />
      </>
    ));
  }
  if ('segment' in node) {
    return box('clause', (
      <>
        <DragHandle actions={actions} path={path} label={label} />
        <SegmentFields actions={actions} segment={node.segment} path={path} pointer={pointer} issues={issues} />
      </>
    ));
  }
  const onChange = (next: Clause, coalesce?: string) => actions.setWhen(replaceAt(actions.when()!, path, next), coalesce);
  return box('clause', (
    <>
      <DragHandle actions={actions} path={path} label={label} />
      <ClauseFields node={node as Clause} pointer={pointer} issues={issues} warnings={actions.valueWarnings()} idBase={nodeId(actions.rule, path)} onChange={onChange} />
      <NodeTools actions={actions} path={path} label={label} />
    </>
  ));
}
