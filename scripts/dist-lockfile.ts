// The lockfile shipped beside each bundle: the project's package-lock.json restricted to the
// packages the bundle's package.json lists and what they need, with the exact versions, resolved
// URLs and integrity tested here, so Cloud Build's `npm ci` installs what the tests ran against.

export type LockEntry = {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
};
export type Lockfile = { name?: string; version?: string; lockfileVersion: number; requires?: boolean; packages: Record<string, LockEntry> };
export type Manifest = { name: string; version: string; dependencies: Record<string, string> };

/** Where Node (and npm) finds `name` required from the package at `from`: its own node_modules, then each parent's. */
export function resolveIn(packages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** The edges npm installs for a package: dependencies and required peers always, optional ones when present. */
function edgesOf(entry: LockEntry): { name: string; optional: boolean }[] {
  const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n));
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({ name, optional: optionalPeers.has(name) })),
  ];
}

/**
 * The lockfile for `manifest`: its root entry, then every package its dependencies reach in `root`,
 * at the same paths (a closed subset of a valid tree resolves the same way). Entries are copied as
 * they are, less the dev flags; a package reached only through optional edges stays `optional`.
 * Throws when a required dependency is missing from the root lockfile.
 */
export function deriveLockfile(root: Lockfile, manifest: Manifest): Lockfile {
  const required = new Set<string>();
  const reached = new Set<string>();
  const queue: { path: string; optional: boolean }[] = [];
  const visit = (from: string, name: string, optional: boolean) => {
    const path = resolveIn(root.packages, from, name);
    if (path === undefined) {
      if (optional) return;
      throw new Error(`${name}, needed by ${from || manifest.name}, is not in package-lock.json`);
    }
    if (optional ? reached.has(path) : required.has(path)) return;
    reached.add(path);
    if (!optional) required.add(path);
    queue.push({ path, optional });
  };
  for (const name of Object.keys(manifest.dependencies)) visit('', name, false);
  while (queue.length > 0) {
    const { path, optional } = queue.shift()!;
    for (const edge of edgesOf(root.packages[path]!)) visit(path, edge.name, optional || edge.optional);
  }
  const packages: Record<string, LockEntry> = {
    '': { name: manifest.name, version: manifest.version, dependencies: { ...manifest.dependencies } },
  };
  for (const path of [...reached].sort()) {
    const { dev: _dev, devOptional: _devOptional, optional: _optional, ...entry } = root.packages[path]!;
    packages[path] = required.has(path) ? entry : { ...entry, optional: true };
  }
  return { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages };
}
