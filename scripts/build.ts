// `npm run build`: one esbuild bundle per function, `dist/<function>/index.js` with its source map
// and the package.json and package-lock.json Cloud Functions (gen2, nodejs22) deploys from (Cloud
// Build runs `npm ci` when a lockfile is there). Terraform zips each folder.

import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole, describeConsoleBuild } from './build-console.ts';
import { deriveLockfile, type Lockfile, type Manifest } from './dist-lockfile.ts';

const root = new URL('..', import.meta.url).pathname;
const functionsDir = join(root, 'functions');
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

/**
 * Installed by Cloud Build next to each bundle rather than bundled. The Google clients of
 * telemetry load lazily (shared/telemetry): left out of the bundle, they cost nothing at cold start.
 */
const RUNTIME_PACKAGES = ['@google-cloud/functions-framework', 'express', '@google-cloud/pubsub', '@google-cloud/logging-winston', 'winston', '@google-cloud/firestore', '@upstash/redis', '@upstash/ratelimit', '@google-cloud/monitoring', '@grpc/grpc-js'] as const;

/** Functions whose entry exists; a function not built yet has no index.ts. */
export function functionNames(): string[] {
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(functionsDir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Builds `<distDir>/<name>`; distDir must lie inside the project, whose node_modules the bundle's externals resolve from. */
export async function buildFunction(name: string, distDir = join(root, 'dist')): Promise<void> {
  const outdir = join(distDir, name);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(functionsDir, name, 'index.ts')],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // The runtime's Functions Framework must be the one the entry registers with, and Express the
    // one it serves with (shared/http/framework-errors.ts), so both stay outside the bundle.
    external: [...RUNTIME_PACKAGES],
    logLevel: 'warning',
  });
  const manifest = manifestFor(name);
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outdir, 'package-lock.json'), `${JSON.stringify(lockfileFor(manifest), null, 2)}\n`);
}

/** The package.json of `dist/<name>`: the runtime packages, at the project's ranges. */
export function manifestFor(name: string): Manifest & Record<string, unknown> {
  const dependencies = Object.fromEntries(RUNTIME_PACKAGES.map((p) => [p, project.dependencies[p]!]));
  return { name: `switchyard-${name}`, version: project.version, private: true, type: 'module', main: 'index.js', engines: { node: '22' }, dependencies };
}

/** The lockfile of `dist/<name>`, derived from the project's: the versions the tests ran against. */
export function lockfileFor(manifest: Manifest): Lockfile {
  return deriveLockfile(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile, manifest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = functionNames();
  for (const name of names) await buildFunction(name);
  if (names.includes('console')) console.error(describeConsoleBuild(await buildConsole()));
  console.error(names.length > 0 ? `built ${names.map((n) => `dist/${n}`).join(', ')}` : 'no function entries under functions/ yet');
}
