// The code's layout as rules on its imports: functions are separate deployables over shared/,
// the rules core stays pure and self-contained behind its index.ts, the folders of shared/ depend
// on each other only as the table below says, and the bundles import zod so the bundler can drop
// what is unused.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** The top folder and function a relative import lands in: `functions/evaluate`, `shared`, ... */
function areaOf(path: string): string {
  const [top, name] = path.split('/');
  return top === 'functions' ? `functions/${name}` : top!;
}

/** Where each relative import of a file lands, as a path from the root: `shared/rules/index.ts`. */
function relativeTargetsOf(file: string): string[] {
  return importsOf(file).filter((spec) => spec.startsWith('.')).map((spec) => relative(root, resolve(root, dirname(file), spec)));
}

const functionFiles = sourcesUnder('functions');
const sharedFiles = sourcesUnder('shared');

/**
 * What each folder (or top-level file) of shared/ imports from the others, as the code stands: a
 * new crossing fails until it is written here on purpose, and an entry the code no longer needs
 * fails too, so the table stays the truth. Read from the bottom up: rules imports nothing, context
 * only rules. Cycles still to break (types used by two folders belong in the lower one):
 * http <-> telemetry (auth and the router record requests; telemetry's error reporting builds
 * problems), http <-> cache (the Redis rate limit uses the cache's breaker; the key mirror uses
 * auth), store -> http (key hashing lives in http/auth.ts), aggregate <-> wiring.ts.
 */
const SHARED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  'rules':            [],
  'context':          ['rules'],
  'streams':          [],
  'seeded-random.ts': [],
  'config':           ['telemetry'],
  'telemetry':        ['config', 'http', 'rules'],
  'http':             ['cache', 'rules', 'telemetry'],
  'store':            ['config', 'http', 'rules'],
  'cache':            ['http', 'rules', 'store', 'telemetry'],
  'authoring':        ['context', 'http', 'rules', 'store'],
  'backends.ts':      ['cache', 'config', 'http', 'store', 'telemetry'],
  'aggregate':        ['backends.ts', 'config', 'rules', 'store', 'telemetry', 'wiring.ts'],
  'schedules':        ['rules'],
  'releases':         ['aggregate', 'authoring', 'backends.ts', 'config', 'rules', 'schedules', 'store', 'telemetry'],
  'wiring.ts':        ['aggregate', 'authoring', 'backends.ts', 'cache', 'config', 'context', 'http', 'releases', 'store', 'streams', 'telemetry'],
};

/** The folder (or top-level file) of shared/ a path is in: `shared/http/auth.ts` -> `http`. */
const sharedPartOf = (path: string) => path.split('/')[1]!;

/** Every crossing between parts of shared/ as `from -> to`, sorted and unique. */
function sharedCrossings(): string[] {
  const edges = sharedFiles.flatMap((file) =>
    relativeTargetsOf(file)
      .filter((target) => target.startsWith('shared/') && sharedPartOf(target) !== sharedPartOf(file))
      .map((target) => `${sharedPartOf(file)} -> ${sharedPartOf(target)}`),
  );
  return [...new Set(edges)].sort();
}

describe('the code layout', () => {
  it('finds the sources it checks', () => {
    assert.ok(functionFiles.length > 50 && sharedFiles.length > 50, `${functionFiles.length} function files, ${sharedFiles.length} shared files`);
  });

  it('never lets a function import another function', () => {
    const crossings = functionFiles.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(root, resolve(root, dirname(file), spec)))
        .filter((target) => areaOf(target).startsWith('functions/') && areaOf(target) !== areaOf(file))
        .map((target) => `${file} -> ${target}`),
    );
    assert.deepEqual(crossings, []);
  });

  it('never lets shared/ import from functions/', () => {
    const upward = sharedFiles.flatMap((file) => importsOf(file).filter((spec) => spec.startsWith('.') && areaOf(relative(root, resolve(root, dirname(file), spec))) === 'functions').map((spec) => `${file} -> ${spec}`));
    assert.deepEqual(upward, []);
  });

  it('keeps the rules core free of I/O, clocks and randomness', () => {
    const core = sharedFiles.filter((file) => file.startsWith('shared/rules/'));
    const impure = core.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      const found = [
        ...importsOf(file).filter((spec) => spec.startsWith('node:') || (!spec.startsWith('.') && !['re2js', 'semver', 'zod'].includes(spec.split('/')[0]!))),
        ...['Date.now(', 'new Date()', 'Math.random(', 'performance.now(', 'process.env', 'fetch('].filter((call) => text.includes(call)),
      ];
      return found.map((what) => `${file}: ${what}`);
    });
    assert.deepEqual(impure, []);
  });

  it('keeps the rules core self-contained: no relative import leaves shared/rules', () => {
    const leaving = sharedFiles
      .filter((file) => file.startsWith('shared/rules/'))
      .flatMap((file) => relativeTargetsOf(file).filter((target) => !target.startsWith('shared/rules/')).map((target) => `${file} -> ${target}`));
    assert.deepEqual(leaving, []);
  });

  it('lets the console reach the rules module only through shared/rules/index.ts', () => {
    const web = functionFiles.filter((file) => file.startsWith('functions/console/web/'));
    assert.ok(web.length > 20, `${web.length} console web files`);
    const internal = web.flatMap((file) =>
      relativeTargetsOf(file).filter((target) => target.startsWith('shared/rules/') && target !== 'shared/rules/index.ts').map((target) => `${file} -> ${target}`),
    );
    assert.deepEqual(internal, []);
  });

  it('lists every folder of shared/ in the table of its imports', () => {
    const parts = [...new Set(sharedFiles.map(sharedPartOf))].sort();
    assert.deepEqual(parts, Object.keys(SHARED_IMPORTS).sort());
  });

  it('lets the folders of shared/ import each other only as the table says', () => {
    const allowed = Object.entries(SHARED_IMPORTS).flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`)).sort();
    assert.deepEqual(sharedCrossings(), allowed, 'a crossing missing from SHARED_IMPORTS is new (avoid it, or add it on purpose); one only in the table is gone (remove it)');
  });

  it('imports zod as a namespace everywhere, so the bundles leave out what they never use', () => {
    // `import { z } from 'zod'` binds one object holding all of zod, its 260 KB of locales included.
    const named = [...functionFiles, ...sharedFiles].filter((file) => /import\s+(type\s+)?\{[^}]*\bz\b[^}]*\}\s+from\s+'zod/.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(named, []);
  });
});
