// The root README's "How the code is laid out" is how a newcomer finds where a behaviour lives in
// one hop, so it must name exactly what exists: every top-level entry of the repository and every
// folder (and top-level file) of functions/ and shared/. A README's relative link that points
// nowhere is a dead end of the same kind, so every README.md's links must resolve.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** Names the repository never holds: .git and the root .gitignore's patterns (dependencies, build output, coverage). */
const ignorePatterns: readonly RegExp[] = [
  /^\.git$/,
  ...readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#') && !line.includes('/'))
    .map((glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)),
];
const ignored = (name: string) => ignorePatterns.some((pattern) => pattern.test(name));

/** The entries of a folder as the map names them: `functions/evaluate/` for a folder, `shared/wiring.ts` for a file. */
function entriesOf(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => !ignored(entry.name))
    .map((entry) => `${dir === '.' ? '' : `${dir}/`}${entry.name}${entry.isDirectory() ? '/' : ''}`)
    .sort();
}

type MapRow = { readonly names: readonly string[]; readonly link: string | undefined };

/** The rows of the README's layout map: the paths named in backticks in each row's first cell, and that cell's link. */
function layoutMap(): MapRow[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## How the code is laid out');
  assert.ok(start >= 0, 'README.md has a section "How the code is laid out"');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(path|-)/.test(line))
    .map((line) => {
      const first = line.split('|')[1]!;
      return { names: [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), link: /\]\(([^)]+)\)/.exec(first)?.[1] };
    });
}

const rows = layoutMap();
const named = rows.flatMap((row) => row.names).sort();

/** The map's names inside a folder (`functions/`): its direct entries only. */
const namedIn = (dir: string) => named.filter((name) => name.startsWith(`${dir}/`) && name !== `${dir}/` && !name.slice(dir.length + 1, -1).includes('/'));

/** Every README.md of the repository, outside what it never holds. */
function readmes(dir = '.'): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => !ignored(entry.name))
    .flatMap((entry) => {
      const path = dir === '.' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) return readmes(path);
      return entry.name === 'README.md' ? [path] : [];
    });
}

/** The relative link targets of a Markdown text, outside code blocks and code spans. */
function relativeLinksOf(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

describe('README layout map', () => {
  it('has a row for each part of the code', () => {
    assert.ok(rows.length >= 20, `${rows.length} rows`);
  });

  it('names every folder of functions/ and shared/ and nothing that does not exist', () => {
    assert.deepEqual(namedIn('functions'), entriesOf('functions').filter((entry) => entry.endsWith('/')));
    assert.deepEqual(namedIn('shared'), entriesOf('shared'));
  });

  it('names every top-level entry of the repository and nothing that does not exist', () => {
    const topLevel = named.filter((name) => !name.slice(0, -1).includes('/')).map((name) => (name.endsWith('/') || !existsSync(join(root, name)) || !statSync(join(root, name)).isDirectory() ? name : `${name}/`));
    assert.deepEqual([...new Set(topLevel)].sort(), entriesOf('.'));
  });

  it("links each folder it names to that folder's README, where it has one", () => {
    const wrong = rows.flatMap((row) =>
      row.names
        .filter((name) => name.endsWith('/') && existsSync(join(root, name, 'README.md')))
        .filter((name) => row.link !== `${name}README.md`)
        .map((name) => `${name} links to ${row.link ?? 'nothing'}`),
    );
    assert.deepEqual(wrong, []);
  });
});

describe('README links', () => {
  const files = readmes();

  it('finds the READMEs it checks', () => {
    assert.ok(files.includes('README.md') && files.length >= 20, files.join(', '));
  });

  it('resolves every relative link in every README.md to a file or folder that exists', () => {
    const broken = files.flatMap((file) =>
      relativeLinksOf(readFileSync(join(root, file), 'utf8'))
        .map((target) => ({ target, path: resolve(root, dirname(file), decodeURI(target.replace(/[#?].*$/, ''))) }))
        .filter(({ path }) => !existsSync(path) || relative(root, path).startsWith('..'))
        .map(({ target }) => `${file}: ${target}`),
    );
    assert.deepEqual(broken, []);
  });
});
