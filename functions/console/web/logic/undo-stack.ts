// Undo and redo over immutable states. Typing in one field coalesces into one step (same key
// within a short time), so Ctrl+Z undoes a word's worth of typing, not one character.

export type UndoStack<T> = {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** What the last step was and when, to coalesce the next one with it. */
  readonly lastKey?: string;
  readonly lastAt?: number;
};

export const UNDO_LIMIT = 200;
export const COALESCE_MS = 800;

export function undoStack<T>(present: T): UndoStack<T> {
  return { past: [], present, future: [] };
}

/** A new state; `key` names the field edited, so consecutive edits of it within COALESCE_MS are one step. */
export function pushState<T>(stack: UndoStack<T>, next: T, key?: string, at = 0): UndoStack<T> {
  if (Object.is(next, stack.present)) return stack;
  const coalesce = key !== undefined && key === stack.lastKey && stack.lastAt !== undefined && at - stack.lastAt <= COALESCE_MS;
  const past = coalesce ? stack.past : [...stack.past, stack.present].slice(-UNDO_LIMIT);
  return { past, present: next, future: [], ...(key !== undefined ? { lastKey: key, lastAt: at } : {}) };
}

export function undo<T>(stack: UndoStack<T>): UndoStack<T> {
  const previous = stack.past[stack.past.length - 1];
  if (stack.past.length === 0) return stack;
  return { past: stack.past.slice(0, -1), present: previous as T, future: [stack.present, ...stack.future] };
}

export function redo<T>(stack: UndoStack<T>): UndoStack<T> {
  if (stack.future.length === 0) return stack;
  const [next, ...rest] = stack.future;
  return { past: [...stack.past, stack.present], present: next as T, future: rest };
}

export const canUndo = (stack: UndoStack<unknown>) => stack.past.length > 0;
export const canRedo = (stack: UndoStack<unknown>) => stack.future.length > 0;
