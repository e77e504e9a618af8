// Sign-in: the admin key, checked against the admin API before it is kept (sessionStorage only).

import { useSignal } from '@preact/signals';
import { ApiError, createClient } from '../api/client.ts';
import { WhoAmIShape } from '../api/shapes.ts';
import { signInProblem } from '../logic/key-role.ts';
import { useApp } from './app-state.ts';
import { valueOf } from './dom.ts';

export function SignIn() {
  const { config, session } = useApp();
  const key = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    // Checked before it is kept: keeping it first would swap this screen (and its error) for the library.
    const candidate = key.value.trim();
    try {
      const me = await createClient(config, () => candidate).call('admin', '/v1/whoami', WhoAmIShape);
      session.signIn(candidate);
      // The UI follows the key's role from the start: a viewer never sees edits it cannot save.
      session.learnRole(me.role);
    } catch (err) {
      error.value = err instanceof ApiError ? signInProblem(err.status, err.problem.code) : signInProblem(-1);
    } finally {
      busy.value = false;
    }
  };
  const identity = config.identity;
  return (
    <main id="main" class="sign-in">
      <h1>Switchyard console</h1>
      {identity ? <p>{'Signed in to Google as '}<strong>{identity}</strong>. Changes you make are recorded under this name.</p> : null}
      <form onSubmit={submit} aria-describedby={error.value ? 'sign-in-error' : undefined}>
        <div class="field">
          <label for="admin-key">Admin key</label>
          <input id="admin-key" type="password" autocomplete="off" required value={key.value} onInput={(e: Event) => (key.value = valueOf(e))} />
          <p class="hint">Kept for this tab only (sessionStorage); closing the tab signs you out.</p>
        </div>
        {error.value ? <p id="sign-in-error" class="error" role="alert">{error.value}</p> : null}
        <button type="submit" class="primary" disabled={busy.value || key.value.trim().length === 0}>{busy.value ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
