// Autosaved drafts of flags being edited, in localStorage (the admin key never goes there): one
// entry per environment and flag with the version it was based on, so a draft of an older version
// says so when restored.

import type { DraftFlag } from './flag-draft.ts';

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export type Draft = { readonly flag: DraftFlag; readonly baseVersion: number; readonly savedAt: string };

const PREFIX = 'switchyard.draft';

export function draftKey(environment: string, flagKey: string): string {
  return `${PREFIX}.${environment}.${flagKey}`;
}

export function saveDraft(store: KeyValueStore, environment: string, flagKey: string, draft: Draft): void {
  try {
    store.setItem(draftKey(environment, flagKey), JSON.stringify(draft));
  } catch {
    // A full or disabled storage loses the autosave, never the edit on screen.
  }
}

export function loadDraft(store: KeyValueStore, environment: string, flagKey: string): Draft | undefined {
  const text = store.getItem(draftKey(environment, flagKey));
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Draft>;
    if (typeof value !== 'object' || value === null || typeof value.flag !== 'object' || typeof value.baseVersion !== 'number' || typeof value.savedAt !== 'string') return undefined;
    return value as Draft;
  } catch {
    return undefined;
  }
}

export function clearDraft(store: KeyValueStore, environment: string, flagKey: string): void {
  store.removeItem(draftKey(environment, flagKey));
}
