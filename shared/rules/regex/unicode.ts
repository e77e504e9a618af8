// Unicode property classes (\pL, \p{Greek}, \PN, \p{^Lu}) as code-point ranges, read from re2js's
// own tables: a bracket holding only the class is compiled by re2js, whose program is then one
// instruction listing the class's ranges (folded first when the pattern ignores case). So the
// ranges are exactly the ones re2js matches with, whatever Unicode version it ships. The program
// is an internal of re2js: if its shape is not the expected one, the class is not read (null) and
// the pattern keeps matching with re2js.

import { RE2JS } from 're2js';
import { MAX_RUNE } from './ranges.ts';

// re2js's instruction codes (Inst.RUNE, Inst.RUNE1, Inst.RUNE_ANY, Inst.RUNE_ANY_NOT_NL).
const RUNE = 8;
const RUNE1 = 9;
const RUNE_ANY = 10;
const RUNE_ANY_NOT_NL = 11;

type Inst = { readonly op?: unknown; readonly arg?: unknown; readonly runes?: unknown };
type Program = { numInst(): number; getInst(pc: number): Inst };

/**
 * How many alternatives re2js may track at once on `re`: the instructions of its program that read
 * a character (RUNE, RUNE1, RUNE_ANY, RUNE_ANY_NOT_NL), or null if the program cannot be read.
 */
export function re2jsWidth(re: RE2JS): number | null {
  const prog = (re as unknown as { re2Input?: { prog?: Program } }).re2Input?.prog;
  if (!prog || typeof prog.numInst !== 'function' || typeof prog.getInst !== 'function') return null;
  let width = 0;
  for (let pc = 0; pc < prog.numInst(); pc++) {
    const { op } = prog.getInst(pc);
    if (op === RUNE || op === RUNE1 || op === RUNE_ANY || op === RUNE_ANY_NOT_NL) width++;
  }
  return width;
}

const cache = new Map<string, readonly number[] | null>();

/** The ranges of `escape` (`\pL`, `\p{Greek}`, `\P{^N}`...), folded if `fold`, or null. */
export function unicodeClass(escape: string, fold: boolean): readonly number[] | null {
  const key = `${fold ? 'i' : '-'}${escape}`;
  let ranges = cache.get(key);
  if (ranges === undefined) {
    ranges = read(escape, fold);
    // A pattern has a few classes and their names are short: the cache stays small.
    if (cache.size < 512) cache.set(key, ranges);
  }
  return ranges;
}

function read(escape: string, fold: boolean): readonly number[] | null {
  let prog: Program;
  try {
    const compiled = RE2JS.compile(`[${escape}]`, fold ? RE2JS.CASE_INSENSITIVE : 0) as unknown as { re2Input?: { prog?: Program } };
    const found = compiled.re2Input?.prog;
    if (!found || typeof found.numInst !== 'function' || typeof found.getInst !== 'function') return null;
    prog = found;
  } catch {
    return null;
  }
  // FAIL, the class, MATCH.
  if (prog.numInst() !== 3) return null;
  const { op, arg, runes } = prog.getInst(1);
  if (op === RUNE_ANY) return [0, MAX_RUNE];
  if (op === RUNE_ANY_NOT_NL) return [0, 9, 11, MAX_RUNE];
  // A RUNE with the fold flag (arg 1) folds at match time, by tables this engine does not have.
  if (op !== RUNE || arg !== 0 || !(runes instanceof Int32Array || Array.isArray(runes))) return null;
  const list = Array.from(runes as ArrayLike<number>);
  if (list.length === 0 || list.length % 2 !== 0) return null;
  for (let i = 0; i < list.length; i += 2) {
    if (!(list[i]! <= list[i + 1]!) || (i > 0 && list[i]! <= list[i - 1]!)) return null;
  }
  return list;
}
