// One flag compared across every environment, with a reviewed promotion from the shown one.

import { useEffect, useMemo } from 'preact/hooks';
import { hashOf } from '../../logic/route.ts';
import { useApp } from '../app-state.ts';
import { EnvironmentCards } from './environment-cards.tsx';
import { createCompareState } from './compare-state.ts';
import { PromotePanel } from './promote-panel.tsx';

export function CompareScreen({ flagKey }: { flagKey: string }) {
  const app = useApp();
  const compare = useMemo(() => createCompareState(app, flagKey), [app, flagKey]);
  const env = app.environment.value;
  const envCount = app.environments.value.length;
  // Again when the reference environment changes or the list of environments arrives.
  useEffect(() => {
    if (envCount > 0) void compare.load();
  }, [compare, env, envCount]);
  const rows = compare.rows.value;
  return (
    <main id="main" class="compare-screen">
      <div class="toolbar">
        <h1>
          <a href={hashOf({ screen: 'editor', env, key: flagKey, isNew: false })} class="back" aria-label={`Back to ${flagKey}`}>←</a>
          {` ${flagKey} `}
          <span class="muted">across environments</span>
        </h1>
      </div>
      {compare.error.value ? <p class="error" role="alert">{compare.error.value}</p> : null}
      {rows === null ? <p>Loading the environments…</p> : <EnvironmentCards rows={rows} flagKey={flagKey} reference={env} />}
      {rows === null ? null : <PromotePanel compare={compare} flagKey={flagKey} />}
    </main>
  );
}
