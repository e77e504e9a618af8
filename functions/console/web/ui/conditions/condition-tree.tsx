// The visual condition builder of one rule: nested AND / OR / NOT groups as boxes inside boxes.
// Every edit is a rule-tree operation (see tree-actions.ts), reachable three ways: buttons (with
// aria-labels), the keyboard on a focused condition, and drag and drop.

import { useEffect } from 'preact/hooks';
import { newClause } from '../../logic/flag-draft.ts';
import type { Issue } from '../../logic/problems.ts';
import { insertAt, isGroup } from '../../logic/rule-tree.ts';
import type { Editor } from '../editor-state.ts';
import { ConditionNode } from './condition-node.tsx';
import { nodeId, treeActions } from './tree-actions.ts';

type Props = { editor: Editor; rule: number; issues: readonly Issue[] };

/** After a keyboard move or an added condition, the node the edit named takes the focus. */
function useRequestedFocus(editor: Editor, rule: number) {
  useEffect(() => {
    const f = editor.focus.value;
    if (!f || f.rule !== rule || f.path === null) return;
    // An effect of an earlier render may run before the node exists: keep the request until the
    // render that holds it.
    const target = document.getElementById(nodeId(rule, f.path));
    if (target) {
      target.focus();
      editor.focus.value = null;
    }
  });
}

export function ConditionTree({ editor, rule, issues }: Props) {
  useRequestedFocus(editor, rule);
  const actions = treeActions(editor, rule);
  const when = actions.when();
  if (when === undefined) {
    return (
      <div class="tree empty">
        <p>Everyone matches this rule.</p>
        <button type="button" onClick={() => actions.setWhen(newClause())}>+ Add condition</button>
      </div>
    );
  }
  return (
    <div class="tree">
      {isGroup(when) ? null : (
        <div class="tree-actions">
          <button type="button" onClick={() => actions.act((r) => ({ root: insertAt(r, [], 1, newClause()), path: [1] }))}>+ AND condition</button>
          <button type="button" onClick={() => actions.setWhen(undefined)}>Match everyone</button>
        </div>
      )}
      <ConditionNode actions={actions} node={when} path={[]} issues={issues} />
    </div>
  );
}
