// What is deployed: each dist/<function>/ ships a lockfile with exactly the versions tested here,
// and a source map, so a thrown error's stack (under --enable-source-maps, as Terraform runs it)
// names our TypeScript sources, which is what Error Reporting groups and shows.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { buildFunction, functionNames, lockfileFor, manifestFor } from '../../scripts/build.ts';
import { resolveIn, type Lockfile } from '../../scripts/dist-lockfile.ts';

const root = resolve(import.meta.dirname, '..', '..');
const rootLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
// Inside the project, so the bundle's external packages resolve from its node_modules.
const distDir = join(root, 'node_modules', '.cache', 'switchyard-bundles-test');

/** Every way a derived lockfile can disagree with the project's, as readable lines. */
function disagreements(lock: Lockfile): string[] {
  const problems: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue;
    const original = rootLock.packages[path];
    if (original === undefined) { problems.push(`${path}: not in package-lock.json`); continue; }
    for (const field of ['version', 'resolved', 'integrity'] as const) {
      if (entry[field] !== original[field]) problems.push(`${path}: ${field} ${String(entry[field])}, tested ${String(original[field])}`);
    }
    // Closed: each required dependency resolves inside this lockfile, to a version its range accepts.
    for (const [name, range] of Object.entries(entry.dependencies ?? {})) {
      const found = resolveIn(lock.packages, path, name);
      const version = found === undefined ? undefined : lock.packages[found]?.version;
      if (version === undefined) problems.push(`${path}: needs ${name}, missing`);
      else if (semver.validRange(range) !== null && !semver.satisfies(version, range, { includePrerelease: true })) problems.push(`${path}: needs ${name}@${range}, gets ${version}`);
    }
  }
  return problems;
}

describe('dist lockfiles', () => {
  for (const name of functionNames()) {
    it(`pins ${name}'s runtime packages to the versions of package-lock.json`, () => {
      const manifest = manifestFor(name);
      const lock = lockfileFor(manifest);
      assert.deepEqual(lock.packages['']?.dependencies, manifest.dependencies);
      for (const dependency of Object.keys(manifest.dependencies)) assert.ok(lock.packages[`node_modules/${dependency}`], dependency);
      assert.deepEqual(disagreements(lock), []);
      assert.ok(!Object.values(lock.packages).some((entry) => entry.dev || entry.devOptional), 'no dev flags in a production lockfile');
    });
  }
});

describe('a built bundle', function () {
  this.timeout(60_000);
  const name = 'validate';
  const outdir = join(distDir, name);

  before(async () => {
    rmSync(distDir, { recursive: true, force: true });
    await buildFunction(name, distDir);
  });
  after(() => rmSync(distDir, { recursive: true, force: true }));

  it('ships index.js with its source map, package.json and the derived package-lock.json', () => {
    for (const file of ['index.js', 'index.js.map', 'package.json', 'package-lock.json']) assert.ok(existsSync(join(outdir, file)), file);
    assert.match(readFileSync(join(outdir, 'index.js'), 'utf8'), /\n\/\/# sourceMappingURL=index\.js\.map\n?$/);
    const map = JSON.parse(readFileSync(join(outdir, 'index.js.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown[] };
    assert.ok(map.sources.some((source) => source.endsWith('shared/http/http-function.ts')));
    assert.equal(map.sourcesContent?.length, map.sources.length, 'sources embedded, so no file beside the bundle is needed');
    const lock = JSON.parse(readFileSync(join(outdir, 'package-lock.json'), 'utf8')) as Lockfile;
    assert.deepEqual(lock, lockfileFor(manifestFor(name)));
    assert.deepEqual(disagreements(lock), []);
  });

  it('throws errors whose stack points into shared/ sources under --enable-source-maps', () => {
    // A request whose every property throws: the first frame past the trap is the bundle's own code.
    const script = `
      const { getFunction } = await import('@google-cloud/functions-framework/testing');
      await import(${JSON.stringify(join(outdir, 'index.js'))});
      const trap = new Proxy({}, { get(_t, key) { throw new Error('trap ' + String(key)); } });
      try { await getFunction(${JSON.stringify(name)})(trap, trap); console.log('no error'); } catch (error) { console.log(error.stack); }
      process.exit(0);`;
    const run = (flags: string[]) => spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
      cwd: root, encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none', SWITCHYARD_STAGE: 'test', LOG_LEVEL: 'silent' },
    }).stdout;
    const mapped = run(['--enable-source-maps']);
    assert.match(mapped, /^Error: trap /);
    assert.match(mapped, /\n\s+at .*\/shared\/http\/http-function\.ts:\d+:\d+/, mapped);
    assert.doesNotMatch(mapped, /index\.js:\d+:\d+/, mapped);
    // Without the flag the same frame is a column of the minified bundle.
    assert.match(run([]), new RegExp(`${name}/index\\.js:\\d+:\\d+`));
  });
});
