// The admin key lives in sessionStorage only: gone when the tab closes, never in localStorage,
// a cookie or a URL. Everything else the console remembers (drafts) is not a secret.

import { signal } from '@preact/signals';
import type { Role } from '../logic/key-role.ts';

const KEY = 'switchyard.adminKey';
const ROLE = 'switchyard.adminRole';

export type Session = ReturnType<typeof createSession>;

export function createSession(storage: Storage) {
  const read = (name: string): string | null => {
    try {
      return storage.getItem(name);
    } catch {
      return null;
    }
  };
  const adminKey = signal<string | null>(read(KEY));
  /** The key's role once an answer has named it (see logic/key-role.ts); null while unknown. */
  const keyRole = signal<Role | null>(read(ROLE) as Role | null);
  return {
    adminKey,
    keyRole,
    learnRole(role: Role): void {
      storage.setItem(ROLE, role);
      keyRole.value = role;
    },
    signIn(key: string): void {
      storage.setItem(KEY, key);
      storage.removeItem(ROLE);
      keyRole.value = null;
      adminKey.value = key;
    },
    signOut(): void {
      storage.removeItem(KEY);
      storage.removeItem(ROLE);
      keyRole.value = null;
      adminKey.value = null;
    },
  };
}
