// State shared by every screen: configuration, the API client, the environment, the attribute
// catalogue, the current route (from the URL hash) and the status line read out to screen readers.

import { computed, signal } from '@preact/signals';
import { createClient, type Client } from '../api/client.ts';
import { AttributesShape, type ConsoleConfigAnswer } from '../api/shapes.ts';
import type { AttributeType } from '../../../../shared/rules/index.ts';
import { adminKey, keyRole, learnRole } from './session.ts';
import { mayEdit } from '../logic/key-role.ts';

export const consoleConfig = signal<ConsoleConfigAnswer | null>(null);
export const client = computed<Client | null>(() => (consoleConfig.value ? createClient(consoleConfig.value, () => adminKey.value, learnRole) : null));
/** False once the key is known to be a viewer's: the console then offers no edits. */
export const canEdit = computed(() => mayEdit(keyRole.value));
export const environment = signal('development');

export type Attribute = { readonly name: string; readonly type: AttributeType; readonly description?: string; readonly allowedValues?: readonly (string | number | boolean)[] };
export const attributes = signal<readonly Attribute[]>([]);
export const attributeTypes = computed(() => new Map(attributes.value.map((a) => [a.name, a])));

export async function loadAttributes(c: Client): Promise<void> {
  const answer = await c.call('preview', `/v1/attributes?environment=${encodeURIComponent(environment.value)}`, AttributesShape);
  attributes.value = answer.attributes.map((a) => ({ ...a, type: a.type as AttributeType }));
}

export type Route = { readonly screen: 'library' } | { readonly screen: 'editor'; readonly key: string; readonly template?: string; readonly isNew: boolean };

export function routeFromHash(hash: string): Route {
  const match = /^#\/flags\/([^?]+)(\?(.*))?$/.exec(hash);
  if (!match) return { screen: 'library' };
  const params = new URLSearchParams(match[3] ?? '');
  const template = params.get('template');
  return { screen: 'editor', key: decodeURIComponent(match[1]!), isNew: params.get('new') === '1', ...(template ? { template } : {}) };
}

export const route = signal<Route>(routeFromHash(location.hash));
addEventListener('hashchange', () => {
  route.value = routeFromHash(location.hash);
  if (status.peek()?.kind === 'error') dismissStatus();
});

export function go(hash: string): void {
  if (location.hash === hash) route.value = routeFromHash(hash);
  else location.hash = hash;
}

/**
 * One polite live region for outcomes ("Saved version 4"), one assertive for failures. An outcome
 * leaves by itself after a few seconds so it never sits over the editor; a failure stays until
 * dismissed (or the next screen), since it may need reading twice.
 */
export const status = signal<{ readonly text: string; readonly kind: 'info' | 'error' } | null>(null);
export const INFO_TOAST_MS = 4000;
let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function announce(text: string, kind: 'info' | 'error' = 'info'): void {
  clearTimeout(toastTimer);
  status.value = { text, kind };
  if (kind === 'info') toastTimer = setTimeout(() => (status.value = null), INFO_TOAST_MS);
}
export function dismissStatus(): void {
  clearTimeout(toastTimer);
  status.value = null;
}
export const shortcutsOpen = signal(false);
