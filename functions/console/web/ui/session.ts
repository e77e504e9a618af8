// The admin key lives in sessionStorage only: gone when the tab closes, never in localStorage,
// a cookie or a URL. Everything else the console remembers (drafts) is not a secret.

import { signal } from '@preact/signals';

const KEY = 'switchyard.adminKey';

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export const adminKey = signal<string | null>(read());

export function signIn(key: string): void {
  sessionStorage.setItem(KEY, key);
  adminKey.value = key;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  adminKey.value = null;
}
