import assert from 'node:assert/strict';
import type { Condition } from '../../../shared/rules/schema.ts';
import { groupWithNext, insertAt, moveNode, pointerOf, removeAt, shiftNode, toggleNot, ungroup } from '../../../functions/console/web/logic/rule-tree.ts';

const a: Condition = { attr: 'a', op: 'exists' };
const b: Condition = { attr: 'b', op: 'exists' };
const c: Condition = { attr: 'c', op: 'exists' };

describe('console rule tree edits', () => {
  it('names a nested node by the JSON Pointer validate uses', () => {
    const root: Condition = { all: [a, { any: [b, { not: c }] }] };
    assert.equal(pointerOf(root, [1, 1, 0], '/rules/0/when'), '/rules/0/when/all/1/any/1/not');
  });
  it('makes an AND of a single condition when another is inserted beside it', () => {
    assert.deepEqual(insertAt(a, [], 1, b), { all: [a, b] });
  });
  it('moves a node into a later group, counting indexes before it left', () => {
    const root: Condition = { all: [a, b, { any: [c] }] };
    assert.deepEqual(moveNode(root, [0], [2], 1), { all: [b, { any: [c, a] }] });
  });
  it('refuses to move a group into itself', () => {
    const root: Condition = { all: [{ any: [a] }, b] };
    assert.deepEqual(moveNode(root, [0], [0], 0), root);
  });
  it('swaps with a sibling, enters a neighbouring group, and leaves a group at its edge', () => {
    const swapped = shiftNode({ all: [a, b] }, [0], 1);
    assert.deepEqual(swapped, { root: { all: [b, a] }, path: [1] });
    const entered = shiftNode({ all: [a, { any: [b] }] }, [0], 1);
    assert.deepEqual(entered, { root: { all: [{ any: [a, b] }] }, path: [0, 0] });
    const left = shiftNode(entered.root, [0, 0], -1);
    assert.deepEqual(left, { root: { all: [a, { any: [b] }] }, path: [0] });
  });
  it('unwraps a NOT when its only condition steps out of it', () => {
    assert.deepEqual(shiftNode({ all: [{ not: a }] }, [0, 0], 1).root, { all: [a] });
  });
  it('groups a condition with the next one, or alone when it is last', () => {
    assert.deepEqual(groupWithNext({ all: [a, b, c] }, [0], 'any').root, { all: [{ any: [a, b] }, c] });
    assert.deepEqual(groupWithNext({ all: [a, b] }, [1]).root, { all: [a, { all: [b] }] });
  });
  it('ungroups into the parent and toggles NOT', () => {
    assert.deepEqual(ungroup({ all: [a, { any: [b, c] }] }, [1]), { all: [a, b, c] });
    assert.deepEqual(toggleNot({ all: [a] }, [0]), { all: [{ not: a }] });
    assert.deepEqual(toggleNot({ all: [{ not: a }] }, [0]), { all: [a] });
  });
  it('removes a NOT with its only condition, and the root to no condition at all', () => {
    assert.deepEqual(removeAt({ all: [{ not: a }, b] }, [0, 0]), { all: [b] });
    assert.equal(removeAt(a, []), undefined);
  });
});
