// The top bar: skip link, home, the environment switcher, who is signed in, shortcuts and sign-out.

import { hashOf } from '../logic/route.ts';
import { useApp } from './app-state.ts';
import { EnvironmentSwitcher } from './environment-switcher.tsx';

export function Header() {
  const { config, session, environment, shortcutsOpen } = useApp();
  const identity = config.identity;
  return (
    <header class="top">
      <a class="skip" href="#main">Skip to content</a>
      <a class="brand" href={hashOf({ screen: 'library', env: environment.value })}>Switchyard</a>
      <EnvironmentSwitcher />
      <span class="grow" />
      {identity ? <span class="identity" title="Signed in through Identity-Aware Proxy; recorded as the actor of your changes">{identity}</span> : null}
      <button type="button" class="link" aria-label="Keyboard shortcuts" onClick={() => (shortcutsOpen.value = true)}>?</button>
      {session.adminKey.value ? <button type="button" class="link" onClick={session.signOut}>Sign out</button> : null}
    </header>
  );
}
