// The code's layout as rules on its imports: functions are separate deployables over shared/,
// the rules core stays pure, and the bundles import zod so the bundler can drop what is unused.

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

const functionFiles = sourcesUnder('functions');
const sharedFiles = sourcesUnder('shared');

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

  it('imports zod as a namespace everywhere, so the bundles leave out what they never use', () => {
    // `import { z } from 'zod'` binds one object holding all of zod, its 260 KB of locales included.
    const named = [...functionFiles, ...sharedFiles].filter((file) => /import\s+(type\s+)?\{[^}]*\bz\b[^}]*\}\s+from\s+'zod/.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(named, []);
  });
});
