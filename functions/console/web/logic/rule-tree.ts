// Edits of a condition tree, pure and immutable: the rule builder's drag and drop and its
// keyboard commands are all one of these. A node is addressed by its tree path, the child
// indexes from the root (`[]` the root, `[1, 0]` the first child of the root's second child).

import type { Condition } from '../../../../shared/rules/index.ts';

export type TreePath = readonly number[];
export type GroupKind = 'all' | 'any';

export function isGroup(c: Condition): c is { all: Condition[] } | { any: Condition[] } {
  return 'all' in c || 'any' in c;
}

export function isNot(c: Condition): c is { not: Condition } {
  return 'not' in c;
}

export function groupKind(c: Condition): GroupKind | undefined {
  return 'all' in c ? 'all' : 'any' in c ? 'any' : undefined;
}

/** The children of a node: a group's members, the one operand of a `not`, none for a leaf. */
export function childrenOf(c: Condition): readonly Condition[] {
  if ('all' in c) return c.all;
  if ('any' in c) return c.any;
  if ('not' in c) return [c.not];
  return [];
}

function withChildren(c: Condition, children: Condition[]): Condition {
  if ('all' in c) return { all: children };
  if ('any' in c) return { any: children };
  if ('not' in c) {
    if (children.length !== 1) throw new Error('a NOT holds exactly one condition');
    return { not: children[0]! };
  }
  throw new Error('a leaf has no children');
}

export function nodeAt(root: Condition, path: TreePath): Condition | undefined {
  let node: Condition | undefined = root;
  for (const i of path) node = node === undefined ? undefined : childrenOf(node)[i];
  return node;
}

/** The JSON Pointer of a node below a rule's `when` (`/rules/0/when` + `/all/1/not`), as validate names it. */
export function pointerOf(root: Condition, path: TreePath, base: string): string {
  let pointer = base;
  let node: Condition | undefined = root;
  for (const i of path) {
    if (node === undefined) break;
    const kind = 'all' in node ? 'all' : 'any' in node ? 'any' : 'not';
    pointer += kind === 'not' ? '/not' : `/${kind}/${i}`;
    node = childrenOf(node)[i];
  }
  return pointer;
}

export function replaceAt(root: Condition, path: TreePath, replacement: Condition): Condition {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [number, ...number[]];
  const children = [...childrenOf(root)];
  if (head >= children.length) throw new Error(`no child ${head}`);
  children[head] = replaceAt(children[head]!, rest, replacement);
  return withChildren(root, children);
}

/** Removes a node; a NOT left empty goes with it, and the root cannot be removed (undefined: no condition). */
export function removeAt(root: Condition, path: TreePath): Condition | undefined {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath)!;
  if (isNot(parent)) return removeAt(root, parentPath);
  const children = childrenOf(parent).filter((_, i) => i !== path[path.length - 1]);
  return replaceAt(root, parentPath, withChildren(parent, children));
}

/** Inserts into a group at `index` (clamped). Inserting into a leaf root first makes an AND of the two. */
export function insertAt(root: Condition | undefined, groupPath: TreePath, index: number, node: Condition): Condition {
  if (root === undefined) return node;
  const group = nodeAt(root, groupPath);
  if (group === undefined) throw new Error('no such group');
  if (!isGroup(group)) {
    const wrapped: Condition = index <= 0 ? { all: [node, group] } : { all: [group, node] };
    return replaceAt(root, groupPath, wrapped);
  }
  const children = [...childrenOf(group)];
  children.splice(Math.max(0, Math.min(index, children.length)), 0, node);
  return replaceAt(root, groupPath, withChildren(group, children));
}

function isPrefix(prefix: TreePath, path: TreePath): boolean {
  return prefix.length <= path.length && prefix.every((v, i) => path[i] === v);
}

/**
 * Moves a node into a group at an index (the index counted before the node left): what a drop
 * does. A node cannot move into itself; the root cannot move.
 */
export function moveNode(root: Condition, from: TreePath, toGroup: TreePath, toIndex: number): Condition {
  if (from.length === 0 || isPrefix(from, toGroup)) return root;
  const node = nodeAt(root, from);
  if (node === undefined) return root;
  const fromParent = from.slice(0, -1);
  const fromIndex = from[from.length - 1]!;
  let target = [...toGroup];
  let index = toIndex;
  // Removing the node shifts later siblings, and later siblings' subtrees, one to the left.
  if (isPrefix(fromParent, target) && target.length > fromParent.length && target[fromParent.length]! > fromIndex) target[fromParent.length]! -= 1;
  if (fromParent.length === toGroup.length && isPrefix(fromParent, toGroup) && index > fromIndex) index -= 1;
  const without = removeAt(root, from);
  if (without === undefined) return root;
  return insertAt(without, target, index, node);
}

/**
 * Alt+ArrowUp / Alt+ArrowDown: swap with the neighbouring sibling; at the edge of a group, step
 * out of it to sit before (or after) the group, so a condition can leave a group by keyboard.
 * Returns the new tree and the node's new path.
 */
export function shiftNode(root: Condition, path: TreePath, direction: -1 | 1): { root: Condition; path: TreePath } {
  if (path.length === 0) return { root, path };
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath)!;
  const index = path[path.length - 1]!;
  const siblings = childrenOf(parent);
  const next = index + direction;
  if (isGroup(parent) && next >= 0 && next < siblings.length) {
    const neighbour = siblings[next]!;
    // Moving onto a group enters it: down into its first place, up into its last.
    if (isGroup(neighbour)) {
      const groupPath = [...parentPath, next];
      const enterIndex = direction === 1 ? 0 : childrenOf(neighbour).length;
      const moved = moveNode(root, path, groupPath, enterIndex);
      const newGroupPath = direction === 1 ? [...parentPath, index] : groupPath;
      return { root: moved, path: [...newGroupPath, enterIndex] };
    }
    const children = [...siblings];
    [children[index], children[next]] = [children[next]!, children[index]!];
    return { root: replaceAt(root, parentPath, withChildren(parent, children)), path: [...parentPath, next] };
  }
  if (parentPath.length === 0) return { root, path };
  // Leaving a NOT unwraps it: the condition keeps its place, without the negation.
  if (isNot(parent)) return { root: toggleNot(root, parentPath), path: parentPath };
  // Leave the group: into the grandparent, before or after the group (which stays, perhaps empty).
  const grandPath = parentPath.slice(0, -1);
  const parentIndex = parentPath[parentPath.length - 1]!;
  if (!isGroup(nodeAt(root, grandPath)!)) return { root, path };
  const targetIndex = direction === -1 ? parentIndex : parentIndex + 1;
  return { root: moveNode(root, path, grandPath, targetIndex), path: [...grandPath, targetIndex] };
}

/** Ctrl+G: wrap a node with its next sibling (or alone, when it has none) in a new group. */
export function groupWithNext(root: Condition, path: TreePath, kind: GroupKind = 'all'): { root: Condition; path: TreePath } {
  const node = nodeAt(root, path);
  if (node === undefined) return { root, path };
  const parentPath = path.slice(0, -1);
  const parent = path.length > 0 ? nodeAt(root, parentPath) : undefined;
  const index = path[path.length - 1] ?? 0;
  if (parent !== undefined && isGroup(parent) && index + 1 < childrenOf(parent).length) {
    const children = [...childrenOf(parent)];
    const pair = children.splice(index, 2);
    children.splice(index, 0, kind === 'all' ? { all: pair } : { any: pair });
    return { root: replaceAt(root, parentPath, withChildren(parent, children)), path };
  }
  return { root: replaceAt(root, path, kind === 'all' ? { all: [node] } : { any: [node] }), path };
}

/** Replaces a group by its members in its parent (or a one-member root group by the member). */
export function ungroup(root: Condition, path: TreePath): Condition {
  const node = nodeAt(root, path);
  if (node === undefined || (!isGroup(node) && !isNot(node))) return root;
  const members = [...childrenOf(node)];
  if (path.length === 0) return members.length === 1 ? members[0]! : root;
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath)!;
  if (!isGroup(parent)) return members.length === 1 ? replaceAt(root, path, members[0]!) : root;
  const children = [...childrenOf(parent)];
  children.splice(path[path.length - 1]!, 1, ...members);
  return replaceAt(root, parentPath, withChildren(parent, children));
}

export function toggleNot(root: Condition, path: TreePath): Condition {
  const node = nodeAt(root, path);
  if (node === undefined) return root;
  return replaceAt(root, path, isNot(node) ? node.not : { not: node });
}

export function setGroupKind(root: Condition, path: TreePath, kind: GroupKind): Condition {
  const node = nodeAt(root, path);
  if (node === undefined || !isGroup(node)) return root;
  return replaceAt(root, path, kind === 'all' ? { all: [...childrenOf(node)] } : { any: [...childrenOf(node)] });
}

/** Every node's path, depth first: the order focus moves through the builder. */
export function walk(root: Condition, visit: (node: Condition, path: TreePath) => void, path: TreePath = []): void {
  visit(root, path);
  childrenOf(root).forEach((child, i) => walk(child, visit, [...path, i]));
}
