// The admin key lives in sessionStorage only: gone when the tab closes, never in localStorage,
// a cookie or a URL. Everything else the console remembers (drafts) is not a secret.

import { signal } from '@preact/signals';
import type { Role } from '../logic/key-role.ts';

const KEY = 'switchyard.adminKey';
const ROLE = 'switchyard.adminRole';

function read(name: string): string | null {
  try {
    return sessionStorage.getItem(name);
  } catch {
    return null;
  }
}

export const adminKey = signal<string | null>(read(KEY));
/** The key's role once an answer has named it (see logic/key-role.ts); null while unknown. */
export const keyRole = signal<Role | null>(read(ROLE) as Role | null);

export function learnRole(role: Role): void {
  sessionStorage.setItem(ROLE, role);
  keyRole.value = role;
}

export function signIn(key: string): void {
  sessionStorage.setItem(KEY, key);
  sessionStorage.removeItem(ROLE);
  keyRole.value = null;
  adminKey.value = key;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ROLE);
  keyRole.value = null;
  adminKey.value = null;
}
