// Parses the common subset of RE2 syntax into a tree, mirroring re2js's parser rule by rule, or
// returns null for anything outside it (which then stays with re2js). Patterns reach this parser
// only after re2js accepted them, so an error here only ever means "not in the subset".

import { EMPTY, type Node } from './ast.ts';
import { readEscape } from './escape.ts';
import { ANY_BUT_NEWLINE, MAX_RUNE, PERL_GROUPS, POSIX_GROUPS, foldAscii, groupRanges, negate, normalize } from './ranges.ts';
import { unicodeClass } from './unicode.ts';

/** Larger counts unroll into large automata (validation refuses them long before: regex/size.ts); re2js keeps them. */
const MAX_COUNT = 1_000;

const code = (ch: string) => ch.codePointAt(0)!;
const [BAR, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE] = ['|', '(', ')', '[', ']', '{', '}'].map(code) as [number, number, number, number, number, number, number];
const [BACKSLASH, DOT, CARET, DOLLAR, STAR, PLUS, QUESTION, COMMA, COLON, DASH] = ['\\', '.', '^', '$', '*', '+', '?', ',', ':', '-'].map(code) as [number, number, number, number, number, number, number, number, number, number];

type Count = { readonly min: number; readonly max: number; readonly end: number };

/** Leading flag groups the subset reads: `i` (fold case) and `s` (`.` matches `\n` too), in any order. */
const LEADING_FLAGS = new Map([['(?i)', 'i'], ['(?s)', 's'], ['(?is)', 'is'], ['(?si)', 'is']]);

export function parsePattern(source: string, caseInsensitive: boolean): Node | null {
  let rest = source;
  let fold = caseInsensitive;
  let dotAll = false;
  for (let found = true; found;) {
    found = false;
    for (const [group, flags] of LEADING_FLAGS) {
      if (!rest.startsWith(group)) continue;
      rest = rest.slice(group.length);
      if (flags.includes('i')) fold = true;
      if (flags.includes('s')) dotAll = true;
      found = true;
    }
  }
  const cps = Array.from(rest, (ch) => ch.codePointAt(0)!);
  // Lone surrogates in a pattern are legal but odd; not worth a second reading of re2js's rules.
  if (cps.some((c) => c >= 0xd800 && c <= 0xdfff)) return null;
  const parser = new Parser(cps, fold, dotAll);
  const node = parser.alternation();
  return parser.failed || parser.pos < cps.length ? null : node;
}

class Parser {
  pos = 0;
  failed = false;
  readonly cps: readonly number[];
  readonly fold: boolean;
  readonly dotAll: boolean;

  constructor(cps: readonly number[], fold: boolean, dotAll: boolean) {
    this.cps = cps;
    this.fold = fold;
    this.dotAll = dotAll;
  }

  /**
   * A Unicode property class at pos (`\pL`, `\p{Greek}`, `\P{^N}`), with re2js's own ranges
   * (regex/unicode.ts), or null when there is none or it cannot be read.
   */
  unicodeClass(): readonly number[] | null {
    const { cps } = this;
    if (cps[this.pos] !== BACKSLASH || (cps[this.pos + 1] !== code('p') && cps[this.pos + 1] !== code('P'))) return null;
    let end = this.pos + 3;
    if (cps[this.pos + 2] === LBRACE) {
      end = cps.indexOf(RBRACE, this.pos + 2) + 1;
      if (end === 0) return null;
    }
    if (end > cps.length) return null;
    const ranges = unicodeClass(String.fromCodePoint(...cps.slice(this.pos, end)), this.fold);
    if (ranges) this.pos = end;
    return ranges;
  }

  /** Gives up on the pattern; moving to the end stops every loop. */
  fail(): Node {
    this.failed = true;
    this.pos = this.cps.length;
    return EMPTY;
  }

  alternation(): Node {
    const items = [this.concatenation()];
    while (this.cps[this.pos] === BAR) {
      this.pos++;
      items.push(this.concatenation());
    }
    return items.length === 1 ? items[0]! : { kind: 'alt', items };
  }

  concatenation(): Node {
    const items: Node[] = [];
    for (let c = this.cps[this.pos]; c !== undefined && c !== BAR && c !== RPAREN; c = this.cps[this.pos]) {
      let atom = this.atom();
      for (let count = this.count(); count; count = this.count()) {
        if (count.min > MAX_COUNT || count.max > MAX_COUNT) return this.fail();
        atom = { kind: 'repeat', sub: atom, min: count.min, max: count.max };
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { kind: 'concat', items };
  }

  /** A repetition operator at pos (and its lazy `?`, which a boolean search ignores), or null. */
  count(): Count | null {
    const c = this.cps[this.pos];
    const count: Count | null = c === STAR ? { min: 0, max: -1, end: this.pos + 1 }
      : c === PLUS ? { min: 1, max: -1, end: this.pos + 1 }
      : c === QUESTION ? { min: 0, max: 1, end: this.pos + 1 }
      : c === LBRACE ? this.braces() : null;
    if (count === null) return null;
    this.pos = this.cps[count.end] === QUESTION ? count.end + 1 : count.end;
    return count;
  }

  /** `{n}`, `{n,}` or `{n,m}` at pos; anything else makes the brace a literal, as in re2js. */
  braces(): Count | null {
    let i = this.pos + 1;
    const number = (): number => {
      const start = i;
      while (this.cps[i] !== undefined && this.cps[i]! >= 0x30 && this.cps[i]! <= 0x39) i++;
      const digits = i - start;
      return digits === 0 || (digits > 1 && this.cps[start] === 0x30) || digits > 8 ? -1 : Number(String.fromCodePoint(...this.cps.slice(start, i)));
    };
    const min = number();
    if (min < 0) return null;
    let max = min;
    if (this.cps[i] === COMMA) {
      i++;
      if (this.cps[i] === RBRACE) max = -1;
      else if ((max = number()) < 0) return null;
    }
    return this.cps[i] === RBRACE ? { min, max, end: i + 1 } : null;
  }

  atom(): Node {
    const c = this.cps[this.pos]!;
    switch (c) {
      case LPAREN: return this.group();
      case LBRACKET: return this.charClass();
      case BACKSLASH: return this.escape();
      case STAR: case PLUS: case QUESTION: return this.fail();
      case DOT: this.pos++; return { kind: 'set', ranges: this.dotAll ? [0, MAX_RUNE] : ANY_BUT_NEWLINE };
      case CARET: this.pos++; return { kind: 'begin' };
      case DOLLAR: this.pos++; return { kind: 'end' };
      default: this.pos++; return this.literal(c);
    }
  }

  literal(rune: number): Node {
    const ranges = this.fold ? foldAscii([rune, rune]) : [rune, rune];
    return ranges ? { kind: 'set', ranges } : this.fail();
  }

  /** `(...)`, `(?:...)` and named groups; every other `(?` form is left to re2js. */
  group(): Node {
    const at = (s: string) => String.fromCodePoint(...this.cps.slice(this.pos, this.pos + s.length)) === s;
    if (at('(?:')) this.pos += 3;
    else if (at('(?P<') || (at('(?<') && !at('(?<=') && !at('(?<!'))) {
      const close = this.cps.indexOf(code('>'), this.pos);
      if (close < 0) return this.fail();
      this.pos = close + 1;
    } else if (at('(?')) return this.fail();
    else this.pos++;
    const node = this.alternation();
    if (this.cps[this.pos] !== RPAREN) return this.fail();
    this.pos++;
    return node;
  }

  /** An escape outside brackets: \A, \z, a Perl class or a single character. */
  escape(): Node {
    const c = this.cps[this.pos + 1];
    if (c === code('A') || c === code('z')) {
      this.pos += 2;
      return { kind: c === code('A') ? 'begin' : 'end' };
    }
    const group = c === undefined ? undefined : PERL_GROUPS.get(String.fromCodePoint(c));
    if (group) {
      this.pos += 2;
      return { kind: 'set', ranges: groupRanges(group, this.fold) };
    }
    if (c === code('p') || c === code('P')) {
      const ranges = this.unicodeClass();
      return ranges ? { kind: 'set', ranges } : this.fail();
    }
    const escaped = readEscape(this.cps, this.pos);
    if (!escaped) return this.fail();
    this.pos = escaped.end;
    return this.literal(escaped.rune);
  }

  /** `[...]` or `[^...]`: folded item by item, complemented last, as RE2 does. */
  charClass(): Node {
    this.pos++;
    const negated = this.cps[this.pos] === CARET;
    if (negated) this.pos++;
    const ranges: number[] = [];
    for (let first = true; this.pos < this.cps.length && (this.cps[this.pos] !== RBRACKET || first); first = false) {
      const item = this.classItem();
      if (!item) return this.fail();
      ranges.push(...item);
    }
    if (this.pos >= this.cps.length) return this.fail();
    this.pos++;
    const set = normalize(ranges);
    return { kind: 'set', ranges: negated ? negate(set) : set };
  }

  /** One POSIX class, Perl class, character or range inside brackets, or null. */
  classItem(): readonly number[] | null {
    const { cps } = this;
    if (cps[this.pos] === LBRACKET && cps[this.pos + 1] === COLON) {
      for (let j = this.pos + 1; j + 1 < cps.length; j++) {
        if (cps[j] !== COLON || cps[j + 1] !== RBRACKET) continue;
        const group = POSIX_GROUPS.get(String.fromCodePoint(...cps.slice(this.pos, j + 2)));
        if (!group) return null;
        this.pos = j + 2;
        return groupRanges(group, this.fold);
      }
    }
    if (cps[this.pos] === BACKSLASH) {
      const group = PERL_GROUPS.get(String.fromCodePoint(cps[this.pos + 1] ?? 0));
      if (group) {
        this.pos += 2;
        return groupRanges(group, this.fold);
      }
      if (cps[this.pos + 1] === code('p') || cps[this.pos + 1] === code('P')) return this.unicodeClass();
    }
    const lo = this.classChar();
    let hi = lo;
    if (cps[this.pos] === DASH && cps[this.pos + 1] !== RBRACKET && this.pos + 1 < cps.length) {
      this.pos++;
      hi = this.classChar();
    }
    if (lo < 0 || hi < lo) return null;
    return this.fold ? foldAscii([lo, hi]) : [lo, hi];
  }

  /** A character inside brackets, or -1. */
  classChar(): number {
    // Callers only ask with a character left, so `c` is defined.
    const c = this.cps[this.pos]!;
    if (c !== BACKSLASH) {
      this.pos++;
      return c;
    }
    const escaped = readEscape(this.cps, this.pos);
    if (!escaped) return -1;
    this.pos = escaped.end;
    return escaped.rune;
  }
}
