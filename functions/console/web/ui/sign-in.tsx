// Sign-in: the admin key, checked against the admin API before it is kept (sessionStorage only).

import { useState } from 'preact/hooks';
import { ApiError, createClient } from '../api/client.ts';
import { WhoAmIShape } from '../api/shapes.ts';
import { consoleConfig } from './app-state.ts';
import { adminKey, learnRole, signIn } from './session.ts';
import { valueOf } from './dom.tsx';
import { signInProblem } from '../logic/key-role.ts';

export function SignIn() {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // Checked before it is kept: keeping it first would swap this screen (and its error) for the library.
    const candidate = key.trim();
    try {
      const me = await createClient(consoleConfig.value!, () => candidate).call('admin', '/v1/whoami', WhoAmIShape);
      signIn(candidate);
      // The UI follows the key's role from the start: a viewer never sees edits it cannot save.
      learnRole(me.role);
    } catch (err) {
      setError(err instanceof ApiError ? signInProblem(err.status, err.problem.code) : signInProblem(-1));
    } finally {
      setBusy(false);
    }
  };
  const identity = consoleConfig.value?.identity;
  return (
    <main id="main" class="sign-in">
      <h1>Switchyard console</h1>
      {identity ? <p>{'Signed in to Google as '}<strong>{identity}</strong>. Changes you make are recorded under this name.</p> : null}
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <div class="field">
          <label for="admin-key">Admin key</label>
          <input id="admin-key" type="password" autocomplete="off" required value={key} onInput={(e: Event) => setKey(valueOf(e))} />
          <p class="hint">Kept for this tab only (sessionStorage); closing the tab signs you out.</p>
        </div>
        {error ? <p id="sign-in-error" class="error" role="alert">{error}</p> : null}
        <button type="submit" class="primary" disabled={busy || key.trim().length === 0}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

export const isSignedIn = () => adminKey.value !== null;
