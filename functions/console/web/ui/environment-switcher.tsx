// The environment switcher, on every screen: the same screen in another environment, through the
// URL (`#/staging/flags/...`), so the switch is a link that can be shared and the back button
// returns to the environment before.

import { useEffect } from 'preact/hooks';
import { inEnvironment } from '../logic/route.ts';
import { useApp } from './app-state.ts';
import { valueOf } from './dom.ts';

export function EnvironmentSwitcher() {
  const app = useApp();
  const signedIn = app.session.adminKey.value !== null;
  useEffect(() => {
    if (signedIn) void app.loadEnvironments();
  }, [signedIn]);
  const current = app.environment.value;
  const listed = app.environments.value.map((e) => e.key);
  // An environment typed into the URL that the list does not hold still shows as the current one.
  const keys = listed.includes(current) ? listed : [current, ...listed];
  return (
    <div class="env-switch">
      <label for="environment-switch">Environment</label>
      <select id="environment-switch" value={current} disabled={!signedIn} onChange={(e: Event) => app.go(inEnvironment(app.route.value, valueOf(e)))}>
        {keys.map((k) => <option value={k}>{k}</option>)}
      </select>
    </div>
  );
}
