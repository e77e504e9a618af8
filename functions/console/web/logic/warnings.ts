// Warnings as the editor shows them: validate and analyze may both report one (the same path and
// message), so each is kept once, and each is named by the place it points at ("Rule 2
// (eu-launch), serve") so the list reads without JSON Pointers.

import type { Issue } from './problems.ts';

/** Each warning once, in the order first reported. */
export function uniqueWarnings(...lists: readonly (readonly Issue[])[]): Issue[] {
  return [...new Map(lists.flat().map((w) => [`${w.path} ${w.message}`, w])).values()];
}

const FIELD_NAMES: Record<string, string> = {
  name: 'name', description: 'description', tags: 'tags', owner: 'owner', defaultVariant: 'default variant', offVariant: 'off variant',
  when: 'condition', serve: 'serve', id: 'id', variants: 'variants', tests: 'tests',
};

/** Where a pointer is, in words: `/rules/1/serve/rollout/split/0/weight` → `Rule 2 (eu-launch), serve`. */
export function placeOf(pointer: string, ruleIds: readonly string[]): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'rules' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const i = Number(parts[1]);
    const id = ruleIds[i];
    const rule = `Rule ${i + 1}${id ? ` (${id})` : ''}`;
    const field = parts[2] === undefined ? undefined : FIELD_NAMES[parts[2]] ?? parts[2];
    return field ? `${rule}, ${field}` : rule;
  }
  if (parts[0] === 'variants' && parts[1] !== undefined) return `Variant ${parts[1]}`;
  if (parts[0] === undefined || parts[0] === '') return 'Flag';
  return `Flag ${FIELD_NAMES[parts[0]] ?? parts[0]}`;
}
