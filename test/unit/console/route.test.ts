import assert from 'node:assert/strict';
import { hashOf, inEnvironment, routeFromHash, type Route } from '../../../functions/console/web/logic/route.ts';

describe('console routes in the URL hash', () => {
  it('opens the library of the default environment for an empty hash', () => {
    assert.deepEqual(routeFromHash(''), { screen: 'library', env: 'development' });
    assert.deepEqual(routeFromHash('#/'), { screen: 'library', env: 'development' });
  });

  it('reads the environment, the screen and the flag from the path', () => {
    assert.deepEqual(routeFromHash('#/staging/flags'), { screen: 'library', env: 'staging' });
    assert.deepEqual(routeFromHash('#/staging/flags/new-checkout'), { screen: 'editor', env: 'staging', key: 'new-checkout', isNew: false });
    assert.deepEqual(routeFromHash('#/production/compare/dark-mode'), { screen: 'compare', env: 'production', key: 'dark-mode' });
  });

  it('still opens links from before the environment was in the URL, in the default environment', () => {
    assert.deepEqual(routeFromHash('#/flags'), { screen: 'library', env: 'development' });
    assert.deepEqual(routeFromHash('#/flags/dark-mode?new=1&template=kill-switch'), { screen: 'editor', env: 'development', key: 'dark-mode', isNew: true, template: 'kill-switch' });
  });

  it('round-trips every route, keys with reserved characters included', () => {
    const routes: Route[] = [
      { screen: 'library', env: 'staging' },
      { screen: 'editor', env: 'production', key: 'a/b?c', isNew: false },
      { screen: 'editor', env: 'development', key: 'fresh', isNew: true, template: 'gradual-rollout' },
      { screen: 'compare', env: 'staging', key: 'checkout:v2' },
    ];
    for (const route of routes) assert.deepEqual(routeFromHash(hashOf(route)), route);
  });

  it('keeps the screen when switching environments, except for a draft that was never saved', () => {
    assert.deepEqual(inEnvironment({ screen: 'editor', env: 'development', key: 'x', isNew: false }, 'staging'), { screen: 'editor', env: 'staging', key: 'x', isNew: false });
    assert.deepEqual(inEnvironment({ screen: 'editor', env: 'development', key: 'x', isNew: true }, 'staging'), { screen: 'library', env: 'staging' });
    assert.deepEqual(inEnvironment({ screen: 'compare', env: 'development', key: 'x' }, 'production'), { screen: 'compare', env: 'production', key: 'x' });
  });

  it('treats a malformed escape in the hash as the literal text', () => {
    assert.deepEqual(routeFromHash('#/dev/flags/100%'), { screen: 'editor', env: 'dev', key: '100%', isNew: false });
  });
});
