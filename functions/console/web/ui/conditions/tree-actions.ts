// The edits of one rule's condition tree, shared by the nodes that offer them: every edit is a
// rule-tree operation on the current draft, reachable by buttons, the keyboard on a focused
// condition (Alt+Arrow move, Ctrl+G group, Delete) and drag and drop (what is being dragged is
// the editor's, so a condition can move between rules).

import type { Condition } from '../../../../../shared/rules/index.ts';
import type { DraftFlag } from '../../logic/flag-draft.ts';
import { groupWithNext, insertAt, moveNode, nodeAt, removeAt, shiftNode, type TreePath } from '../../logic/rule-tree.ts';
import type { Editor } from '../editor-state.ts';

const VALUE_WARNING_CODES: ReadonlySet<string> = new Set(['UNKNOWN_VALUE', 'VALUE_NOT_ALLOWED']);

export type TreeEdit = (root: Condition) => { root: Condition | undefined; path?: TreePath };

export const nodeId = (rule: number, path: TreePath) => `node-${rule}-${path.join('-') || 'root'}`;
export const nodeLabel = (path: TreePath) => (path.length === 0 ? 'root condition' : `condition ${path.map((i) => i + 1).join('.')}`);

function withWhen(f: DraftFlag, rule: number, next: Condition | undefined): DraftFlag {
  return {
    ...f,
    rules: (f.rules ?? []).map((r, i) => {
      if (i !== rule) return r;
      const { when: _old, ...rest } = r;
      return next === undefined ? rest : { ...rest, when: next };
    }),
  };
}

export function treeActions(editor: Editor, rule: number) {
  const when = () => editor.draft.value.rules?.[rule]?.when;
  const setWhen = (next: Condition | undefined, coalesce?: string) => editor.update((f) => withWhen(f, rule, next), coalesce);
  /** Applies an edit; when it names a path, that node takes the focus once rendered. */
  const act = (edit: TreeEdit) => {
    const root = when();
    if (root === undefined) return;
    const result = edit(root);
    setWhen(result.root);
    if (result.path) editor.focus.value = { rule, path: result.path };
  };
  const dropOn = (toGroup: TreePath, index: number, e: DragEvent) => {
    const from = editor.dragged.value;
    // Not a condition being dragged (a rule, say): let the drop reach the rule card.
    if (!from || !('path' in from)) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).classList.remove('drop-here');
    editor.dragged.value = null;
    if (from.rule === rule) return act((root) => ({ root: moveNode(root, from.path, toGroup, index) }));
    // From another rule: take it out there, put it in here.
    const source = editor.draft.value.rules?.[from.rule]?.when;
    const moving = source && nodeAt(source, from.path);
    const target = when();
    if (!source || !moving || !target) return;
    editor.update((f) => withWhen(withWhen(f, from.rule, removeAt(source, from.path)), rule, insertAt(target, toGroup, index, moving)));
  };
  return {
    rule,
    when,
    /** Validate's warnings about operand values (a value the attribute never holds), shown at the value with their fix. */
    valueWarnings: () => (editor.validation.value?.warnings ?? []).filter((w) => VALUE_WARNING_CODES.has(w.code)),
    setWhen,
    act,
    onKeyDown: (path: TreePath) => (e: KeyboardEvent) => {
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
    },
    /** Props that make an element a drop zone: the dragged condition lands at `index` of the group at `toGroup`. */
    dropZone: (toGroup: TreePath, index: number) => ({
      onDragOver: (e: DragEvent) => {
        const d = editor.dragged.value;
        if (d && 'path' in d) {
          e.preventDefault();
          e.stopPropagation();
          (e.currentTarget as HTMLElement).classList.add('drop-here');
        }
      },
      onDragLeave: (e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('drop-here'),
      onDrop: (e: DragEvent) => dropOn(toGroup, index, e),
    }),
    startDrag: (path: TreePath) => (editor.dragged.value = { rule, path }),
    endDrag: () => (editor.dragged.value = null),
  };
}

export type TreeActions = ReturnType<typeof treeActions>;
