// The single values of equality and set operators (`eq`, `in`, `contains_any`...) as atoms, and
// which atoms provably contain or exclude each other under the equality rules of values.ts.

import { toNumber, type Scalar } from '../values.ts';

/**
 * The attribute values one operand value equals: a string (folded when `ci`), a number (which a
 * numeric string also equals) or a boolean.
 */
export type Atom =
  | { readonly t: 'str'; readonly s: string; readonly ci: boolean }
  | { readonly t: 'num'; readonly n: number }
  | { readonly t: 'bool'; readonly b: boolean };

export function atomOf(value: Scalar, ci: boolean): Atom {
  if (typeof value === 'string') return { t: 'str', s: value, ci };
  if (typeof value === 'number') return { t: 'num', n: value };
  return { t: 'bool', b: value };
}

/** The operand value an atom was made from. */
export function atomValue(atom: Atom): Scalar {
  return atom.t === 'str' ? atom.s : atom.t === 'num' ? atom.n : atom.b;
}

const lower = (text: string) => text.toLowerCase();

/**
 * Whether some string of a text's class could be a numeric string. Numeric strings are made of
 * `0-9 . e E + -` only, so a text (lower-cased when folding) with any other character cannot be.
 */
export function couldBeNumeric(text: string, ci: boolean): boolean {
  return ci ? /^[-+.0-9e]*$/.test(lower(text)) : /^[-+.0-9eE]*$/.test(text);
}

/** The number a string atom reads as: a number, `undefined` when it reads as none, `null` when unknown. */
export function numericReading(atom: Extract<Atom, { t: 'str' }>): number | undefined | null {
  if (!atom.ci) return toNumber(atom.s);
  return couldBeNumeric(atom.s, true) ? null : undefined;
}

const INDEXES = new WeakMap<readonly Atom[], ReadonlySet<string>>();

/** The exact keys of a list's atoms, built once per list, so containment costs one lookup per atom. */
function indexOf(atoms: readonly Atom[]): ReadonlySet<string> {
  let index = INDEXES.get(atoms);
  if (!index) {
    index = new Set(atoms.map((a) => (a.t === 'str' ? `${a.ci ? 'ci' : 's'}:${a.ci ? lower(a.s) : a.s}` : a.t === 'num' ? `n:${a.n}` : `b:${a.b}`)));
    INDEXES.set(atoms, index);
  }
  return index;
}

/** Every value `a` equals, some atom of `atoms` equals too: `atomWithin` against a list, by lookup. */
export function atomWithinAny(a: Atom, atoms: readonly Atom[]): boolean {
  const index = indexOf(atoms);
  if (a.t === 'num') return index.has(`n:${a.n}`);
  if (a.t === 'bool') return index.has(`b:${a.b}`);
  if (a.ci) return index.has(`ci:${lower(a.s)}`);
  const n = toNumber(a.s);
  return index.has(`s:${a.s}`) || index.has(`ci:${lower(a.s)}`) || (n !== undefined && index.has(`n:${n}`));
}

/** Every value `a` equals, `b` equals too. */
export const atomWithin = (a: Atom, b: Atom): boolean => atomWithinAny(a, [b]);

/** No value equals both `a` and `b`. */
export function atomsApart(a: Atom, b: Atom): boolean {
  if (a.t === 'bool' || b.t === 'bool') return a.t !== b.t || atomValue(a) !== atomValue(b);
  if (a.t === 'num' && b.t === 'num') return a.n !== b.n;
  if (a.t === 'str' && b.t === 'str') return a.ci || b.ci ? lower(a.s) !== lower(b.s) : a.s !== b.s;
  const [text, num] = (a.t === 'str' ? [a, b] : [b, a]) as [Extract<Atom, { t: 'str' }>, Extract<Atom, { t: 'num' }>];
  const reading = numericReading(text);
  return reading !== null && reading !== num.n;
}
