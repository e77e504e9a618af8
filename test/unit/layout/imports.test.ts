// The code's layout as rules on its imports: functions are separate deployables over shared/,
// the rules core stays pure and self-contained behind its index.ts, the folders of shared/ depend
// on each other one way, in the order written below, and the bundles import zod so the bundler
// can drop what is unused.

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
 * The folders (and top-level files) of shared/ from the bottom up: each imports only what stands
 * before it, so dependencies run one way and no two folders import each other. A type two folders
 * use lives in the lower one (an API key's principal is the store's; the request slice telemetry
 * logs is telemetry's own); Redis adapters are cache's; the wiring that chooses adapters is last.
 */
const SHARED_ORDER = [
  'rules',            // the pure core: imports nothing of the project
  'schedules',        // scheduled changes: their schema and when one applies (pure)
  'seeded-random.ts', // a deterministic random source (console, scripts)
  'context',          // context enrichment over the rules' types
  'streams',          // change-stream events and tokens
  'config',           // every setting, parsed once (the only reader of process.env)
  'telemetry',        // logging, metrics, error taxonomy
  'store',            // the store's ports, its adapters, API keys
  'http',             // request helpers: bodies, problems, auth, rate limits, the function shell
  'cache',            // snapshot cache, change feed, and every Redis adapter
  'authoring',        // what validate and preview share
  'aggregate',        // the metrics aggregator
  'releases',         // release plans: sequential tests, step decisions, their stores, the minute run's step
  'wiring',           // factories the composition roots build an instance with: backends, telemetry, guards
] as const;

/**
 * Module-level variables of shared/ (outside the rules core's own performance memos): none holds
 * wiring, configuration or a dependency; each one left is here with the reason it is per process.
 */
const MODULE_STATE_ALLOWED: Readonly<Record<string, string>> = {
  'shared/telemetry/stdout-batch.ts pending': 'stdout is the process\'s own: lines are batched per event-loop turn',
  'shared/telemetry/stdout-batch.ts scheduled': 'stdout is the process\'s own: lines are batched per event-loop turn',
  'shared/telemetry/stdout-batch.ts exitHooked': 'stdout is the process\'s own: the batch is flushed at exit',
  'shared/telemetry/evaluation-metrics.ts observers': 'a memo keyed by the recorder passed in (weakly held)',
  'shared/telemetry/request-telemetry.ts maskers': 'a memo keyed by the telemetry passed in (weakly held)',
  'shared/http/body-budget.ts processBodyBudget': 'the budget is of the process\'s memory: every function it serves draws on it',
  'shared/store/firestore/client-module.ts loaded': 'the Firestore module, loaded on first use (as the module cache would)',
  'shared/context/enrich.ts userAgents': 'a bounded memo of parsed User-Agent strings, the same for any caller',
};

/** `file name` for each module-level `let`/`var`, and each `const` holding a Map, WeakMap or what a `create...` factory made. */
function moduleStateOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^(?:export )?(?:(?:let|var) (\w+)|const (\w+)(?::[^=]+)? = (?:new (?:Map|WeakMap)\b|create\w*\())/gm)].map((m) => `${file} ${m[1] ?? m[2]}`);
}

/** The functions deployed: every folder of functions/ with an index.ts. */
const deployed = readdirSync(join(root, 'functions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && functionFiles.includes(`functions/${entry.name}/index.ts`))
  .map((entry) => entry.name);

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

  it('places every folder of shared/ in the order', () => {
    const parts = [...new Set(sharedFiles.map(sharedPartOf))].sort();
    assert.deepEqual(parts, [...SHARED_ORDER].sort());
  });

  it('lets each folder of shared/ import only the folders below it in the order', () => {
    const rank = (part: string) => SHARED_ORDER.indexOf(part as (typeof SHARED_ORDER)[number]);
    const upward = sharedCrossings().filter((crossing) => {
      const [from, to] = crossing.split(' -> ') as [string, string];
      return rank(to) >= rank(from);
    });
    assert.deepEqual(upward, [], `imports against the order ${SHARED_ORDER.join(' < ')}`);
  });

  it('reads process.env only in shared/config, for functions, shared code and the local product alike', () => {
    const readers = [...functionFiles, ...sharedFiles, ...sourcesUnder('scripts/local')]
      .filter((file) => !file.startsWith('shared/config/'))
      .filter((file) => readFileSync(join(root, file), 'utf8').includes('process.env'));
    assert.deepEqual(readers, []);
  });

  it('keeps no wiring in module-level variables of shared/: each one left is listed with its reason', () => {
    const found = sharedFiles.filter((file) => !file.startsWith('shared/rules/')).flatMap(moduleStateOf).sort();
    assert.deepEqual(found, Object.keys(MODULE_STATE_ALLOWED).sort());
  });

  it('gives every deployed function one composition root: index.ts registers what deps.ts builds from the parsed configuration', () => {
    assert.deepEqual(deployed.sort(), ['admin', 'aggregate', 'console', 'evaluate', 'preview', 'streams', 'validate']);
    for (const name of deployed) {
      const entry = importsOf(`functions/${name}/index.ts`);
      assert.ok(functionFiles.includes(`functions/${name}/deps.ts`), `functions/${name}/deps.ts`);
      assert.deepEqual(
        entry.filter((spec) => !['../../shared/http/framework-errors.ts', '@google-cloud/functions-framework', 'node:url'].includes(spec)).sort(),
        ['../../shared/config/runtime-config.ts', './app.ts', './deps.ts'],
        `functions/${name}/index.ts imports the configuration, its root and its app, nothing else`,
      );
    }
  });

  it('imports zod as a namespace everywhere, so the bundles leave out what they never use', () => {
    // `import { z } from 'zod'` binds one object holding all of zod, its 260 KB of locales included.
    const named = [...functionFiles, ...sharedFiles].filter((file) => /import\s+(type\s+)?\{[^}]*\bz\b[^}]*\}\s+from\s+'zod/.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(named, []);
  });
});
