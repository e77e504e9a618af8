// The console's place in the URL hash, both ways: which screen, which environment, which flag.
// The environment is part of every route, so a copied link opens the same environment for the
// person it is sent to: `#/staging/flags/new-checkout`. Links from before environments were in
// the URL (`#/flags`, `#/flags/new-checkout`) still open, in the default environment.

export const DEFAULT_ENVIRONMENT = 'development';

export type Route =
  | { readonly screen: 'library'; readonly env: string }
  | { readonly screen: 'editor'; readonly env: string; readonly key: string; readonly isNew: boolean; readonly template?: string }
  | { readonly screen: 'compare'; readonly env: string; readonly key: string };

const segment = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function routeFromHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter((p) => p.length > 0).map(segment);
  // The older form had no environment: its first segment is the screen.
  const [env, screen, key] = parts[0] === 'flags' ? [DEFAULT_ENVIRONMENT, ...parts] : parts;
  const environment = env && env.length > 0 ? env : DEFAULT_ENVIRONMENT;
  if (screen === 'flags' && key) {
    const params = new URLSearchParams(query);
    const template = params.get('template');
    return { screen: 'editor', env: environment, key, isNew: params.get('new') === '1', ...(template ? { template } : {}) };
  }
  if (screen === 'compare' && key) return { screen: 'compare', env: environment, key };
  return { screen: 'library', env: environment };
}

export function hashOf(route: Route): string {
  const env = encodeURIComponent(route.env);
  switch (route.screen) {
    case 'library':
      return `#/${env}/flags`;
    case 'compare':
      return `#/${env}/compare/${encodeURIComponent(route.key)}`;
    case 'editor': {
      const params = new URLSearchParams();
      if (route.isNew) params.set('new', '1');
      if (route.template) params.set('template', route.template);
      const query = params.toString();
      return `#/${env}/flags/${encodeURIComponent(route.key)}${query ? `?${query}` : ''}`;
    }
  }
}

/** The same screen in another environment: what the environment switcher links to. */
export function inEnvironment(route: Route, env: string): Route {
  // A draft not yet saved exists in one environment only: switching opens the library.
  if (route.screen === 'editor' && route.isNew) return { screen: 'library', env };
  return { ...route, env };
}
