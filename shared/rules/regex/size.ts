// What a pattern compiles to: the instructions of its RE2 program once counted repetitions are
// expanded, counted the way re2js's compiler emits them, over the whole RE2 syntax (not only the
// fast subset). Matching costs, per input character, up to one step per live instruction, so this
// size (not the pattern's length) is what validation bounds. Patterns reach it after re2js
// accepted them; it only has to be right on valid RE2.

import { readEscape } from './escape.ts';

/**
 * An instruction that reads a Unicode property class (\pL, [\p{Greek}\d], ...) weighs this many:
 * its hundreds of ranges are binary-searched on every step and split the alphabet of a DFA into
 * as many classes, so each state's table is that much wider.
 */
export const UNICODE_CLASS_WEIGHT = 4;

export type ProgramSize = {
  /** Instructions, as re2js's compiler emits them (within a few of its count). */
  readonly instructions: number;
  /** Instructions with each Unicode class weighted: the cost validation bounds. */
  readonly weight: number;
};

/** Instructions, weight, and whether the part can match the empty string (re2js loops those differently). */
type Size = { n: number; w: number; e: boolean };

const ZERO: Size = { n: 0, w: 0, e: true };
/** Concatenation; `alt` for an alternation, which may be empty if either side may. */
const add = (a: Size, b: Size, alt = false): Size => ({ n: a.n + b.n, w: a.w + b.w, e: alt ? a.e || b.e : a.e && b.e });
const times = (a: Size, k: number): Size => ({ n: a.n * k, w: a.w * k, e: a.e || k === 0 });
const ONE: Size = { n: 1, w: 1, e: false };
/** An empty-width assertion (^ $ \b \A \z) or a NOP. */
const ASSERTION: Size = { n: 1, w: 1, e: true };
const UNICODE: Size = { n: 1, w: UNICODE_CLASS_WEIGHT, e: false };

const code = (ch: string) => ch.codePointAt(0)!;
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** The size of the program re2js compiles `source` to; `source` must be valid RE2. */
export function programSize(source: string): ProgramSize {
  // Never loops on invalid input (every step moves forward), but only valid RE2 is measured right.
  const scanner = new Scanner(Array.from(source, code));
  // re2js's program opens with FAIL and ends with MATCH.
  const body = scanner.alternation();
  return { instructions: body.n + 2, weight: body.w + 2 };
}

class Scanner {
  pos = 0;
  /** Inside \Q...\E, where every character is a literal atom of its own. */
  quoting = false;
  readonly cps: readonly number[];

  constructor(cps: readonly number[]) {
    this.cps = cps;
  }

  at(s: string): boolean {
    return String.fromCodePoint(...this.cps.slice(this.pos, this.pos + s.length)) === s;
  }

  alternation(): Size {
    let size = this.concatenation();
    while (this.cps[this.pos] === code('|')) {
      this.pos++;
      // One ALT per extra branch.
      size = add(add(size, this.concatenation(), true), { n: 1, w: 1, e: false }, true);
    }
    return size;
  }

  concatenation(): Size {
    let size = ZERO;
    for (let c = this.cps[this.pos]; c !== undefined && (this.quoting || (c !== code('|') && c !== code(')'))); c = this.cps[this.pos]) {
      let atom = this.atom();
      for (let count = this.count(); count; count = this.count()) atom = repeated(atom, count.min, count.max);
      size = add(size, atom);
    }
    // An empty concatenation is one NOP.
    return size.n === 0 ? ASSERTION : size;
  }

  /** A repetition operator at pos (with its lazy `?`), or null; a malformed brace is a literal. */
  count(): { min: number; max: number } | null {
    if (this.quoting) return null;
    const c = this.cps[this.pos];
    let found: { min: number; max: number; end: number } | null = null;
    if (c === code('*')) found = { min: 0, max: -1, end: this.pos + 1 };
    else if (c === code('+')) found = { min: 1, max: -1, end: this.pos + 1 };
    else if (c === code('?')) found = { min: 0, max: 1, end: this.pos + 1 };
    else if (c === code('{')) found = this.braces();
    if (!found) return null;
    this.pos = this.cps[found.end] === code('?') ? found.end + 1 : found.end;
    return found;
  }

  /** `{n}`, `{n,}` or `{n,m}`, read as parse.ts reads them (a leading zero makes a literal). */
  braces(): { min: number; max: number; end: number } | null {
    let i = this.pos + 1;
    const number = (): number => {
      const start = i;
      while (isDigit(this.cps[i])) i++;
      const digits = i - start;
      return digits === 0 || (digits > 1 && this.cps[start] === code('0')) || digits > 8 ? -1 : Number(String.fromCodePoint(...this.cps.slice(start, i)));
    };
    const min = number();
    if (min < 0) return null;
    let max = min;
    if (this.cps[i] === code(',')) {
      i++;
      if (this.cps[i] === code('}')) max = -1;
      else if ((max = number()) < 0) return null;
    }
    return this.cps[i] === code('}') ? { min, max, end: i + 1 } : null;
  }

  atom(): Size {
    if (this.quoting || this.at('\\Q')) return this.quoted();
    const c = this.cps[this.pos]!;
    if (c === code('(')) return this.group();
    if (c === code('[')) return this.charClass();
    if (c === code('\\')) return this.escape();
    this.pos++;
    return c === code('^') || c === code('$') ? ASSERTION : ONE;
  }

  group(): Size {
    let capture = true;
    if (this.at('(?P<') || (this.at('(?<') && !this.at('(?<=') && !this.at('(?<!'))) {
      this.pos = this.skipPast('>', this.pos);
    } else if (this.at('(?')) {
      // Flags, alone `(?i)` or opening a group `(?i:...)`; they change no instruction count.
      let i = this.pos + 2;
      while (i < this.cps.length && this.cps[i] !== code(')') && this.cps[i] !== code(':')) i++;
      this.pos = i + 1;
      if (this.cps[i] === code(')')) return ZERO;
      capture = false;
    } else this.pos++;
    const inner = this.alternation();
    this.pos++; // the closing parenthesis
    return capture ? add(inner, { n: 2, w: 2, e: true }) : inner;
  }

  escape(): Size {
    const c = this.cps[this.pos + 1]!;
    if (c === code('p') || c === code('P')) {
      this.pos += 2;
      if (this.cps[this.pos] === code('{')) this.pos = this.skipPast('}', this.pos);
      else this.pos++;
      return UNICODE;
    }
    const escaped = readEscape(this.cps, this.pos);
    // \d \s \w and their negations read one character; \b \B \A \z assert.
    this.pos = escaped ? escaped.end : this.pos + 2;
    return !escaped && [code('b'), code('B'), code('A'), code('z')].includes(c) ? ASSERTION : ONE;
  }

  /** Just past the next `ch` from `from`, or the end: every step moves forward, even on bad input. */
  skipPast(ch: string, from: number): number {
    const at = this.cps.indexOf(code(ch), from);
    return at < 0 ? this.cps.length : at + 1;
  }

  /**
   * One character of \Q...\E (RE2 makes each a literal, so a repetition after \E repeats only the
   * last), closing the quote when \E follows it.
   */
  quoted(): Size {
    if (!this.quoting) {
      this.pos += 2;
      this.quoting = true;
    }
    const size = this.at('\\E') ? ZERO : ONE;
    if (size === ONE) this.pos++;
    if (this.at('\\E')) {
      this.pos += 2;
      this.quoting = false;
    } else if (this.pos >= this.cps.length) this.quoting = false;
    return size;
  }

  /** `[...]`: one instruction, weighted when it holds a Unicode property. */
  charClass(): Size {
    this.pos++;
    if (this.cps[this.pos] === code('^')) this.pos++;
    let unicode = false;
    for (let first = true; this.pos < this.cps.length && (this.cps[this.pos] !== code(']') || first); first = false) {
      const c = this.cps[this.pos];
      if (c === code('[') && this.cps[this.pos + 1] === code(':')) {
        this.pos = this.skipPast(']', this.pos + 2);
      } else if (c === code('\\')) {
        const next = this.cps[this.pos + 1];
        if (next === code('p') || next === code('P')) {
          unicode = true;
          this.pos += 2;
          if (this.cps[this.pos] === code('{')) this.pos = this.skipPast('}', this.pos);
          else this.pos++;
        } else {
          const escaped = readEscape(this.cps, this.pos);
          this.pos = escaped ? escaped.end : this.pos + 2;
        }
      } else this.pos++;
    }
    this.pos++; // the closing bracket
    return unicode ? UNICODE : ONE;
  }
}

/**
 * `sub{min,max}` (max -1: unbounded) as re2js compiles it: `min` copies, then a star or plus for an
 * open end, or `max - min` nested optional copies, each with its ALT. A star over a part that can
 * match empty is compiled as `(x+)?`, one ALT more, so the loop cannot spin without reading.
 */
function repeated(sub: Size, min: number, max: number): Size {
  const alt: Size = { n: 1, w: 1, e: true };
  if (max < 0 && min === 0) return add(sub.e ? add(sub, alt) : sub, alt, true);
  if (max < 0) return add(times(sub, min), alt);
  if (max === 0) return ASSERTION;
  return add(times(sub, min), times(add(sub, alt, true), max - min));
}
