// Licences of what ships: every package of the production dependency tree (package-lock.json,
// entries not marked dev) is under a permissive licence, or explicitly allowed here with a reason.
//
// Denied: copyleft, strong and weak (GPL, AGPL, LGPL, SSPL, EUPL, OSL, MPL, EPL, CDDL, CC-BY-SA,
// ...). The functions are esbuild bundles: a dependency's code is inlined into our files, so the
// file boundary weak copyleft (MPL, EPL) relies on is gone, and AGPL and SSPL reach a network service
// even undistributed. A package with no licence, or one that is not on either list, fails as unknown.
// An OR expression passes when one alternative does (we take that one); AND needs all of them.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** Permissive licences (SPDX ids) that need nothing beyond keeping the notice (legalComments: 'linked'). */
const PERMISSIVE = new Set([
  'MIT', 'MIT-0', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Zlib',
  'Unlicense', 'CC0-1.0', 'CC-BY-3.0', 'CC-BY-4.0', 'Python-2.0', 'WTFPL',
]);

const COPYLEFT = /^(A?GPL|LGPL|SSPL|EUPL|OSL|MPL|EPL|CDDL|CPAL|CPL|RPL|Sleepycat|CC-BY-(NC|SA|ND))/i;

/**
 * Production packages allowed although their licence is unknown or denied, each with its reason:
 * `{ 'name@version': 'why' }`. Empty today; a stale entry fails too.
 */
const ALLOWED: Readonly<Record<string, string>> = {};

type Verdict = 'permissive' | 'copyleft' | 'unknown';

/** Judges an SPDX expression: `(MIT OR CC0-1.0)`, `Apache-2.0 AND MIT`, `GPL-2.0-only WITH Classpath-exception-2.0`. */
function judge(expression: string | undefined): Verdict {
  if (expression === undefined || expression.trim() === '') return 'unknown';
  const tokens = expression.replace(/[()]/g, (p) => ` ${p} `).trim().split(/\s+/);
  let at = 0;
  const rank = { permissive: 0, unknown: 1, copyleft: 2 } as const;
  const worst = (a: Verdict, b: Verdict): Verdict => (rank[a] >= rank[b] ? a : b);
  const best = (a: Verdict, b: Verdict): Verdict => (rank[a] <= rank[b] ? a : b);
  const primary = (): Verdict => {
    const token = tokens[at++];
    if (token === '(') {
      const inner = or();
      return tokens[at++] === ')' ? inner : 'unknown';
    }
    if (token === undefined) return 'unknown';
    if (tokens[at] === 'WITH') at += 2; // an exception only widens what the licence allows
    const id = token.replace(/\+$/, '');
    return COPYLEFT.test(id) ? 'copyleft' : PERMISSIVE.has(id) ? 'permissive' : 'unknown';
  };
  const and = (): Verdict => {
    let verdict = primary();
    while (tokens[at] === 'AND') { at++; verdict = worst(verdict, primary()); }
    return verdict;
  };
  const or = (): Verdict => {
    let verdict = and();
    while (tokens[at] === 'OR') { at++; verdict = best(verdict, and()); }
    return verdict;
  };
  const verdict = or();
  return at === tokens.length ? verdict : 'unknown';
}

type LockEntry = { version?: string; license?: unknown; dev?: boolean; link?: boolean };

/** The licence a package declares: the lockfile's copy, else its package.json (`license`, or the old `licenses`). */
function licenceOf(path: string, entry: LockEntry): string | undefined {
  const read = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map((v) => read(v)).filter(Boolean).join(' OR ') || undefined;
    if (value && typeof value === 'object' && 'type' in value && typeof value.type === 'string') return value.type;
    return undefined;
  };
  const fromLock = read(entry.license);
  if (fromLock !== undefined) return fromLock;
  const manifest = join(root, path, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { license?: unknown; licenses?: unknown };
  return read(pkg.license) ?? read(pkg.licenses);
}

/** `devOptional` entries are optional in production, so they count as production. */
function productionPackages(): { key: string; licence: string | undefined }[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.dev !== true && entry.link !== true)
    .map(([path, entry]) => ({ key: `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`, licence: licenceOf(path, entry) }));
}

describe('licences of the production dependency tree', () => {
  const packages = productionPackages();

  it('reads the production tree from package-lock.json', () => {
    assert.ok(packages.length > 50, `only ${packages.length} production packages found`);
    assert.ok(packages.some((p) => p.key.startsWith('@google-cloud/functions-framework@')));
    assert.ok(!packages.some((p) => p.key.startsWith('mocha@')), 'dev dependencies are not production');
  });

  it('has no copyleft and no unknown licence, except those allowed with a reason', () => {
    const failing = packages
      .map((p) => ({ ...p, verdict: judge(p.licence) }))
      .filter((p) => p.verdict !== 'permissive' && ALLOWED[p.key] === undefined)
      .map((p) => `${p.key}: ${p.licence ?? '(no licence)'} (${p.verdict})`);
    assert.deepEqual(failing, [], `production packages with a copyleft or unknown licence:\n${failing.join('\n')}`);
  });

  it('allows nothing it does not need', () => {
    const keys = new Set(packages.filter((p) => judge(p.licence) !== 'permissive').map((p) => p.key));
    assert.deepEqual(Object.keys(ALLOWED).filter((key) => !keys.has(key)), []);
  });

  it('judges SPDX expressions', () => {
    const cases: [string | undefined, Verdict][] = [
      ['MIT', 'permissive'], ['(MIT OR CC0-1.0)', 'permissive'], ['Apache-2.0 AND MIT', 'permissive'],
      ['AGPL-3.0-or-later', 'copyleft'], ['AGPL-3.0', 'copyleft'], ['GPL-2.0+', 'copyleft'], ['LGPL-3.0-only', 'copyleft'],
      ['SSPL-1.0', 'copyleft'], ['EUPL-1.2', 'copyleft'], ['MPL-2.0', 'copyleft'], ['MIT AND GPL-3.0-only', 'copyleft'],
      ['GPL-3.0-only OR MIT', 'permissive'], ['GPL-2.0-only WITH Classpath-exception-2.0', 'copyleft'],
      ['SEE LICENSE IN LICENSE.md', 'unknown'], ['UNLICENSED', 'unknown'], ['Proprietary', 'unknown'], ['', 'unknown'],
      [undefined, 'unknown'], ['(MIT', 'unknown'],
    ];
    for (const [expression, verdict] of cases) assert.equal(judge(expression), verdict, String(expression));
  });
});
