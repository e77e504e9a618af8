// The handle a condition is dragged by, and its buttons: move, group, negate, delete.

import { groupWithNext, removeAt, shiftNode, toggleNot, type TreePath } from '../../logic/rule-tree.ts';
import type { TreeActions } from './tree-actions.ts';

export function DragHandle({ actions, path, label }: { actions: TreeActions; path: TreePath; label: string }) {
  const onDragStart = (e: DragEvent) => {
    actions.startDrag(path);
    e.dataTransfer?.setData('text/plain', label);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  };
  return <span class="handle" draggable title="Drag to move" aria-hidden="true" onDragStart={onDragStart} onDragEnd={actions.endDrag}>⠿</span>;
}

export function NodeTools({ actions, path, label }: { actions: TreeActions; path: TreePath; label: string }) {
  const { act } = actions;
  return (
    <span class="tools">
      <button type="button" aria-label={`Move ${label} up`} title="Move up (Alt+↑)" onClick={() => act((r) => shiftNode(r, path, -1))}>↑</button>
      <button type="button" aria-label={`Move ${label} down`} title="Move down (Alt+↓)" onClick={() => act((r) => shiftNode(r, path, 1))}>↓</button>
      <button type="button" aria-label={`Group ${label} with the next condition`} title="Group with next (Ctrl+G)" onClick={() => act((r) => groupWithNext(r, path))}>{'{ }'}</button>
      <button type="button" aria-label={`Negate ${label}`} title="NOT" onClick={() => act((r) => ({ root: toggleNot(r, path), path }))}>¬</button>
      <button type="button" class="danger" aria-label={`Delete ${label}`} title="Delete" onClick={() => act((r) => ({ root: removeAt(r, path) }))}>×</button>
    </span>
  );
}
