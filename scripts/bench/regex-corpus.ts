// Regex cost benchmark: a generated corpus of accepted patterns (typical ones and adversarial ones
// near the limits: counted repetitions, nested, Unicode classes, alternations, case folding,
// DFA-exploding shapes), each timed on 1 KiB and 64 KiB inputs, crafted ones included, on its first
// search (fresh compile) and warm, each the median of 5 fresh compiles. Prints one JSON object;
// asserts nothing.
// Budget (DESIGN.md 7): every accepted clause < 1 ms on 1 KiB, < 50 ms on 64 KiB.
// Run: node scripts/bench/regex-corpus.ts

import { LIMITS } from '../../shared/rules/limits.ts';
import { compilePattern } from '../../shared/rules/regex.ts';
import { programSize, UNICODE_CLASS_WEIGHT } from '../../shared/rules/regex/size.ts';

const room = LIMITS.regexProgramSize - 2;
const SIZES = [8, 30, 100, Math.floor(room / 3), room];

/** Pattern generators: each takes a budget in weighted instructions and writes a pattern near it. */
const SHAPES: readonly ((k: number) => string)[] = [
  (k) => `a{${k}}`,
  (k) => `[a-z]{${k}}$`,
  (k) => `.{${k}}x`,
  (k) => `[ab]{${k}}c`,
  (k) => `a[ab]{${Math.min(k - 2, 20)}}$`,
  (k) => `a[ab]{${Math.min(k - 2, LIMITS.regexWidth - 1)}}$`,
  (k) => `a[ab]{12}$|[ab]{${Math.max(1, k - 20)}}c`,
  (k) => `(?:a[ab]{10}$|[ab]{${Math.max(1, Math.floor(k / 2) - 14)}}){2}c`,
  (k) => `(?i)[a-k]{${k}}$`,
  (k) => `\\pL{${Math.floor(k / UNICODE_CLASS_WEIGHT)}}$`,
  (k) => `[\\pL\\d]{${Math.floor(k / UNICODE_CLASS_WEIGHT)}}!`,
  (k) => `\\pL[\\pL\\d]{${Math.min(Math.floor(k / UNICODE_CLASS_WEIGHT) - 1, 20)}}$`,
  (k) => `(?i)é[éa]{${Math.max(1, k - 4)}}$`,
  (k) => `\\b\\w{${k}}\\b`,
  (k) => `(?s)a.{${k - 2}}$`,
  (k) => `(?:(?:ab){7}c){${Math.max(1, Math.floor(k / 15))}}`,
  (k) => `(?:${Array.from({ length: Math.max(1, Math.floor(k / 6)) }, (_, i) => `a${'ab'[i % 2]}${String.fromCharCode(97 + (i % 26))}b`).join('|')})$`,
  (k) => `^(?:[a-z0-9._%+-]+@(?:example|test)\\.com)${'x?'.repeat(Math.max(0, Math.floor((k - 30) / 2)))}$`,
];

let seed = 20_260_329;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const from = (chars: readonly string[], n: number) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]!).join('').slice(0, n);

/** Inputs of `n` characters: repeated, random over the patterns' alphabet, and crafted to visit new DFA states. */
function inputs(n: number): { readonly [name: string]: string; readonly ab: string } {
  return {
    same: 'a'.repeat(n),
    random: from(['a', 'b', 'c', 'x', '1', ' ', 'é', '!', '@', '.'], n),
    ab: from(['a', 'b'], n),
    letters: from(['a', 'é', '1', 'b'], n),
    words: from(['ab ', 'word ', 'é!', 'x1 '], n),
  };
}

const INPUTS = { '1KiB': inputs(1024), '64KiB': inputs(65_536) };

/** Fresh compiles (and first searches) per pattern and input. */
const REPEATS = 5;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The slowest single timing per input size, noise included. */
const slowestSample: Record<string, number> = {};

function time(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

type Row = { pattern: string; caseInsensitive: boolean; weight: number; engine: string; compileMs: number[]; worst: Record<string, { ms: number; input: string; first: boolean }> };

// Warm the engines' code (not any pattern's states) so the first timings are not the JIT's: every
// path a search can take (the built DFA, the NFA simulation over ASCII and over other code points,
// re2js, case folding) on every input, until V8 has optimised it. A process serving flags pays that
// once, not per clause; each pattern measured below is still compiled fresh.
const WARM = ['a[ab]{12}$', '(?:a[ab]{6}$|[ab]{3}){2}c', '\\pL[\\pL\\d]{8}$', '\\pL+x', '(?i)abc', '(?i)é[éa]{3}$', '\\b\\w{4}\\b', '[a-z]{20}$'];
for (let round = 0; round < 3; round++) {
  for (const p of WARM) {
    for (const caseInsensitive of [false, true]) {
      const c = compilePattern(p, caseInsensitive);
      if (!c.ok) continue;
      for (const text of Object.values(INPUTS['1KiB'])) for (let i = 0; i < 20; i++) c.pattern.test(text);
    }
  }
}

const rows: Row[] = [];
let refused = 0;
for (const shape of SHAPES) {
  for (const k of SIZES) {
    for (const caseInsensitive of [false, true]) {
      const pattern = shape(k);
      const compileStart = performance.now();
      const compiled = compilePattern(pattern, caseInsensitive);
      const compileMs = [performance.now() - compileStart];
      if (!compiled.ok) {
        refused++;
        continue;
      }
      const row: Row = { pattern, caseInsensitive, weight: programSize(pattern).weight, engine: compiled.pattern.engine, compileMs, worst: {} };
      for (const [size, set] of Object.entries(INPUTS)) {
        let worst = { ms: 0, input: '', first: false };
        for (const [name, text] of Object.entries(set)) {
          // Fresh compiles per input, each first search building whatever the input reaches; the
          // pattern's cost is the median over them, since one sample also times whatever garbage
          // collection or scheduling fell into it (kept apart as the slowest single sample).
          const firsts: number[] = [];
          const warms: number[] = [];
          for (let r = 0; r < REPEATS; r++) {
            const compileStart = performance.now();
            const fresh = compilePattern(pattern, caseInsensitive);
            compileMs.push(performance.now() - compileStart);
            if (!fresh.ok) throw new Error(pattern);
            firsts.push(time(() => fresh.pattern.test(text)));
            warms.push(time(() => fresh.pattern.test(text)));
          }
          const [first, warm] = [median(firsts), median(warms)];
          if (first > worst.ms) worst = { ms: first, input: name, first: true };
          if (warm > worst.ms) worst = { ms: warm, input: name, first: false };
          slowestSample[size] = Math.max(slowestSample[size] ?? 0, ...firsts, ...warms);
        }
        row.worst[size] = worst;
      }
      rows.push(row);
    }
  }
}

function summary(size: '1KiB' | '64KiB', budget: number) {
  const sorted = rows.map((r) => r.worst[size]!.ms).sort((a, b) => a - b);
  const top = rows.reduce((a, b) => (b.worst[size]!.ms > a.worst[size]!.ms ? b : a));
  const over = rows.filter((r) => r.worst[size]!.ms >= budget);
  return {
    count: sorted.length,
    maxMs: +sorted[sorted.length - 1]!.toFixed(3),
    p99Ms: +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!.toFixed(3),
    p50Ms: +sorted[Math.floor(sorted.length / 2)]!.toFixed(3),
    worst: { pattern: top.pattern, caseInsensitive: top.caseInsensitive, weight: top.weight, ...top.worst[size] },
    budgetMs: budget,
    budgetMet: over.length === 0,
    overBudget: over.length,
    slowestSingleSampleMs: +slowestSample[size]!.toFixed(3),
    overBudgetPatterns: over.slice(0, 12).map((r) => ({ pattern: r.pattern, caseInsensitive: r.caseInsensitive, weight: r.weight, ...r.worst[size] })),
  };
}

/** Compile time per accepted pattern (validation and compileFlag pay it): its median over the fresh compiles, and its slowest. */
function compileSummary() {
  const typical = rows.map((r) => ({ r, ms: median(r.compileMs) })).sort((a, b) => a.ms - b.ms);
  const slowest = rows.map((r) => Math.max(...r.compileMs)).sort((a, b) => a - b);
  const top = typical[typical.length - 1]!;
  return {
    medianMaxMs: +top.ms.toFixed(3),
    medianP99Ms: +typical[Math.min(typical.length - 1, Math.floor(typical.length * 0.99))]!.ms.toFixed(3),
    medianP50Ms: +typical[Math.floor(typical.length / 2)]!.ms.toFixed(3),
    worstPattern: { pattern: top.r.pattern, caseInsensitive: top.r.caseInsensitive, engine: top.r.engine },
    slowestMaxMs: +slowest[slowest.length - 1]!.toFixed(3),
    slowestP99Ms: +slowest[Math.min(slowest.length - 1, Math.floor(slowest.length * 0.99))]!.toFixed(3),
  };
}

const engines: Record<string, number> = {};
for (const r of rows) engines[r.engine] = (engines[r.engine] ?? 0) + 1;

console.log(JSON.stringify({
  limits: { regexWidth: LIMITS.regexWidth, regexProgramSize: LIMITS.regexProgramSize, regexProgramSizePerFlag: LIMITS.regexProgramSizePerFlag, unicodeClassWeight: UNICODE_CLASS_WEIGHT },
  generated: rows.length + refused,
  refusedAtValidation: refused,
  engines,
  compile: compileSummary(),
  '1KiB': summary('1KiB', 1),
  '64KiB': summary('64KiB', 50),
}, null, 2));
