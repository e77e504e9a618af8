// The console's browser bundle: functions/console/web bundled by esbuild (preact, signals, the map
// data) into dist/console/static/ with content-hashed names, and the page that loads them.
// Prints the gzipped JavaScript size against the 200 KB budget (DESIGN.md section 7).

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const webDir = join(root, 'functions', 'console', 'web');

export type ConsoleBuild = { readonly dir: string; readonly jsBytes: number; readonly jsGzipBytes: number; readonly cssGzipBytes: number };

function hashed(base: string, ext: string, body: Uint8Array): string {
  return `${base}-${createHash('sha256').update(body).digest('base64url').replace(/[-]/g, '_').slice(0, 10)}.${ext}`;
}

export async function buildConsole(outDir = join(root, 'dist', 'console', 'static')): Promise<ConsoleBuild> {
  const result = await build({
    entryPoints: [join(webDir, 'main.tsx')],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    loader: { '.json': 'json' },
    logLevel: 'warning',
  });
  const js = result.outputFiles[0]!.contents;
  const css = readFileSync(join(webDir, 'styles.css'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const jsName = hashed('app', 'js', js);
  const cssName = hashed('app', 'css', css);
  writeFileSync(join(outDir, jsName), js);
  writeFileSync(join(outDir, cssName), css);
  const page = readFileSync(join(webDir, 'index.html'), 'utf8').replaceAll('{{APP_JS}}', jsName).replaceAll('{{APP_CSS}}', cssName);
  writeFileSync(join(outDir, 'index.html'), page);
  return { dir: outDir, jsBytes: js.byteLength, jsGzipBytes: gzipSync(js, { level: 9 }).byteLength, cssGzipBytes: gzipSync(css, { level: 9 }).byteLength };
}

export function describeConsoleBuild(b: ConsoleBuild): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return `console: JavaScript ${kb(b.jsBytes)} (${kb(b.jsGzipBytes)} gzipped; budget 200 KB), CSS ${kb(b.cssGzipBytes)} gzipped`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.error(describeConsoleBuild(await buildConsole()));
}
