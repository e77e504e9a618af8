// The flag library's search, filters and sort: pure over the admin API's list items.

import type { DraftFlag } from './flag-draft.ts';

export type LibraryItem = { readonly key: string; readonly version: number; readonly document: DraftFlag; readonly updatedAt: string; readonly updatedBy: string };
export type StateFilter = 'all' | 'enabled' | 'disabled';
export type SortKey = 'key' | 'updated' | 'rules';
export type LibraryQuery = { readonly text: string; readonly tag: string; readonly state: StateFilter; readonly owner: string; readonly sort: SortKey };

export const EMPTY_QUERY: LibraryQuery = { text: '', tag: '', state: 'all', owner: '', sort: 'key' };

function matchesText(item: LibraryItem, text: string): boolean {
  if (text.length === 0) return true;
  const needle = text.toLowerCase();
  const d = item.document;
  return [item.key, d.name ?? '', d.description ?? '', ...(d.tags ?? [])].some((s) => s.toLowerCase().includes(needle));
}

export function filterFlags(items: readonly LibraryItem[], q: LibraryQuery): LibraryItem[] {
  const chosen = items.filter(
    (item) =>
      matchesText(item, q.text.trim()) &&
      (q.tag === '' || (item.document.tags ?? []).includes(q.tag)) &&
      (q.owner === '' || (item.document.owner ?? '') === q.owner) &&
      (q.state === 'all' || item.document.enabled === (q.state === 'enabled')),
  );
  const by: Record<SortKey, (a: LibraryItem, b: LibraryItem) => number> = {
    key: (a, b) => a.key.localeCompare(b.key),
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.key.localeCompare(b.key),
    rules: (a, b) => (b.document.rules?.length ?? 0) - (a.document.rules?.length ?? 0) || a.key.localeCompare(b.key),
  };
  return chosen.sort(by[q.sort]);
}

/** The distinct tags and owners in use, for the filter menus. */
export function facets(items: readonly LibraryItem[]): { tags: string[]; owners: string[] } {
  const tags = new Set<string>();
  const owners = new Set<string>();
  for (const item of items) {
    for (const tag of item.document.tags ?? []) tags.add(tag);
    if (item.document.owner) owners.add(item.document.owner);
  }
  return { tags: [...tags].sort(), owners: [...owners].sort() };
}
