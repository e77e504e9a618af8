// State shared by every screen, created once per app and handed down through AppContext: the
// configuration, the session and its API client, the route (from the URL hash, the environment
// in it), the attribute catalogue, the status line read out to screen readers, and the one
// request per purpose that a fast switch aborts. Nothing here lives at module level, so two apps
// (or two tests) never share a signal.

import { batch, computed, effect, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createClient } from '../api/client.ts';
import { createLatest, isAborted } from '../api/latest.ts';
import { AttributesShape, EnvironmentsShape, type ConsoleConfigAnswer } from '../api/shapes.ts';
import type { AttributeType } from '../../../../shared/rules/index.ts';
import { mayEdit } from '../logic/key-role.ts';
import { hashOf, routeFromHash, type Route } from '../logic/route.ts';
import { createSession } from './session.ts';

export type Attribute = { readonly name: string; readonly type: AttributeType; readonly description?: string; readonly allowedValues?: readonly (string | number | boolean)[]; readonly domain?: string | undefined };
/** An environment as the admin API lists it; its version moves with every write in it. */
export type EnvironmentEntry = { readonly key: string; readonly name?: string | undefined; readonly version: number };
export type StatusMessage = { readonly text: string; readonly kind: 'info' | 'error' };
/** What the global shortcuts (Ctrl+Z, Ctrl+S) act on while a flag is open. */
export type ActiveEditor = { readonly undo: () => void; readonly redo: () => void; readonly save: () => Promise<void> };

/** An outcome ("Saved version 4") leaves by itself after this long; a failure stays until dismissed. */
export const INFO_TOAST_MS = 4000;

export function createAppState(config: ConsoleConfigAnswer, storage: Storage = sessionStorage) {
  const session = createSession(storage);
  const client = computed(() => createClient(config, () => session.adminKey.value, session.learnRole));
  const requests = createLatest();
  const route = signal<Route>(routeFromHash(location.hash));
  const environment = computed(() => route.value.env);
  const attributes = signal<readonly Attribute[]>([]);
  const environments = signal<readonly EnvironmentEntry[]>([]);
  const status = signal<StatusMessage | null>(null);
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const dismissStatus = () => {
    clearTimeout(toastTimer);
    status.value = null;
  };
  /**
   * One polite live region for outcomes, one assertive for failures. An outcome never sits over
   * the editor for long; a failure stays until dismissed (or the next screen), since it may need
   * reading twice.
   */
  const announce = (text: string, kind: StatusMessage['kind'] = 'info') => {
    clearTimeout(toastTimer);
    status.value = { text, kind };
    if (kind === 'info') toastTimer = setTimeout(() => (status.value = null), INFO_TOAST_MS);
  };
  const followHash = () =>
    batch(() => {
      route.value = routeFromHash(location.hash);
      if (status.peek()?.kind === 'error') dismissStatus();
    });

  /** The environments, read at sign-in and again after a write that moves their versions. */
  const loadEnvironments = async () => {
    try {
      const answer = await requests.run('environments', (abort) => client.value.call('admin', '/v1/environments', EnvironmentsShape, { signal: abort }));
      environments.value = answer.environments;
    } catch (err) {
      if (!isAborted(err)) announce(`The list of environments is unavailable: ${(err as Error).message}`, 'error');
    }
  };

  return {
    config,
    session,
    client,
    requests,
    /** False once the key is known to be a viewer's: the console then offers no edits. */
    canEdit: computed(() => mayEdit(session.keyRole.value)),
    route,
    environment,
    attributes,
    environments,
    loadEnvironments,
    attributeTypes: computed(() => new Map(attributes.value.map((a) => [a.name, a]))),
    status,
    announce,
    dismissStatus,
    shortcutsOpen: signal(false),
    activeEditor: signal<ActiveEditor | null>(null),
    /** Opens a route: through the hash, so the back button and shared links work. */
    go(next: Route): void {
      const hash = hashOf(next);
      if (location.hash === hash) route.value = next;
      else location.hash = hash;
    },
    /** Follows the URL and keeps the attribute catalogue of the environment; returns the undo. */
    start(): () => void {
      addEventListener('hashchange', followHash);
      const stopCatalogue = effect(() => {
        const env = environment.value;
        if (session.adminKey.value === null) return;
        const c = client.value;
        requests.run('attributes', (abort) => c.call('preview', `/v1/attributes?environment=${encodeURIComponent(env)}`, AttributesShape, { signal: abort })).then(
          (answer) => (attributes.value = answer.attributes.map((a) => ({ ...a, type: a.type as AttributeType }))),
          (err: Error) => {
            if (!isAborted(err)) announce(`Attribute catalogue unavailable: ${err.message}`, 'error');
          },
        );
      });
      return () => {
        removeEventListener('hashchange', followHash);
        stopCatalogue();
        requests.abortAll();
        clearTimeout(toastTimer);
      };
    },
  };
}

export type AppState = ReturnType<typeof createAppState>;

export const AppContext = createContext<AppState | null>(null);

/** The app's state, from the nearest AppContext provider. */
export function useApp(): AppState {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp: no AppContext above this component');
  return app;
}
