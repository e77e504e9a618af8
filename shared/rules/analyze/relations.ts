// Containment and disjointness of two shapes on the same attribute. Both answer `true` only when
// it is certain, so the warnings built on them are never false alarms; `false` means "not known".

import type { SemVer } from 'semver';
import { fold, parseSemver, toNumber } from '../values.ts';
import { atomsApart, atomWithin, atomWithinAny, couldBeNumeric, numericReading, type Atom } from './atoms.ts';
import { compareNumbers, contains, intersect, isEmpty, within } from './intervals.ts';
import { kindsOf, type Shape } from './shapes.ts';

type Of<K extends Shape['kind']> = Extract<Shape, { kind: K }>;

const compareSemvers = (a: SemVer, b: SemVer) => a.compare(b);

/** No value fits the shape at all (`size_lt 0`, `in_rollout` at 0%). */
export function isEmptyShape(shape: Shape): boolean {
  if (shape.kind === 'number') return isEmpty(shape.range, compareNumbers);
  if (shape.kind === 'semver') return isEmpty(shape.range, compareSemvers);
  if (shape.kind === 'size') return shape.lo > shape.hi;
  return shape.kind === 'rollout' && shape.threshold === 0;
}

const TEXT_TESTS = {
  prefix: (a: string, b: string) => a.startsWith(b),
  suffix: (a: string, b: string) => a.endsWith(b),
  infix: (a: string, b: string) => a.includes(b),
} as const;

/** Whether the strings an atom equals all pass (`pass`) or all fail (`!pass`) a text clause; undefined when not known. */
function atomPassesText(atom: Extract<Atom, { t: 'str' }>, text: Of<'text'>): boolean | undefined {
  const test = TEXT_TESTS[text.mode];
  // A folded atom stands for every string folding alike; only a folding clause sees them all the same.
  if (atom.ci && !text.ci) return undefined;
  return test(fold(atom.s, text.ci), fold(text.text, text.ci));
}

function atomWithinShape(atom: Atom, b: Shape): boolean {
  switch (b.kind) {
    case 'values':
      return atomWithinAny(atom, b.atoms);
    case 'number': {
      const n = atom.t === 'num' ? atom.n : atom.t === 'str' && !atom.ci ? toNumber(atom.s) : undefined;
      return n !== undefined && within(n, b.range, compareNumbers);
    }
    case 'semver': {
      const v = atom.t === 'str' && !atom.ci ? parseSemver(atom.s) : undefined;
      return v !== undefined && within(v, b.range, compareSemvers);
    }
    case 'text':
      return atom.t === 'str' && atomPassesText(atom, b) === true;
    default:
      return false;
  }
}

function atomApartFromShape(atom: Atom, b: Shape): boolean {
  if (!kindsOf({ kind: 'values', atoms: [atom] }).some((k) => kindsOf(b).includes(k))) return true;
  if (b.kind === 'values') return b.atoms.every((other) => atomsApart(atom, other));
  if (atom.t === 'bool') return false;
  switch (b.kind) {
    case 'number': {
      const n = atom.t === 'num' ? atom.n : numericReading(atom);
      return n !== null && (n === undefined || !within(n, b.range, compareNumbers));
    }
    case 'semver': {
      // Numeric strings hold at most one ".", semvers at least two.
      if (atom.t === 'num') return true;
      const v = atom.ci ? null : parseSemver(atom.s);
      return v !== null && (v === undefined || !within(v, b.range, compareSemvers));
    }
    case 'text':
      return atom.t === 'num' ? !couldBeNumeric(b.text, b.ci) : atomPassesText(atom, b) === false;
    default:
      return false;
  }
}

function textWithin(a: Of<'text'>, b: Of<'text'>): boolean {
  if (b.text === '') return true;
  if (a.ci !== b.ci || (b.mode !== 'infix' && a.mode !== b.mode)) return false;
  return TEXT_TESTS[b.mode](fold(a.text, a.ci), fold(b.text, b.ci));
}

function membersWithin(a: Of<'members'>, b: Of<'members'>): boolean {
  const inSome = (atom: Atom) => b.atoms.some((other) => atomWithin(atom, other));
  if (b.mode === 'some') return a.mode === 'some' ? a.atoms.every(inSome) : a.atoms.some(inSome);
  return b.atoms.every((other) => (a.mode === 'all' ? a.atoms.some((atom) => atomWithin(atom, other)) : a.atoms.every((atom) => atomWithin(atom, other))));
}

/** Every value `a` accepts, `b` accepts too. */
export function shapeWithin(a: Shape, b: Shape): boolean {
  if (isEmptyShape(a) || b.kind === 'exists') return true;
  if (b.kind === 'unit') return kindsOf(a).every((k) => k === 'string' || k === 'number');
  switch (a.kind) {
    case 'values':
      return a.atoms.every((atom) => atomWithinShape(atom, b));
    case 'number': {
      if (b.kind === 'number') return contains(b.range, a.range, compareNumbers);
      const { lo, hi, loOpen, hiOpen } = a.range;
      return lo !== null && lo === hi && !loOpen && !hiOpen && atomWithinShape({ t: 'num', n: lo }, b);
    }
    case 'semver':
      return b.kind === 'semver' && contains(b.range, a.range, compareSemvers);
    case 'text':
      return b.kind === 'text' && textWithin(a, b);
    case 'size':
      return b.kind === 'size' && a.lo >= b.lo && a.hi <= b.hi;
    case 'members':
      return b.kind === 'members' && membersWithin(a, b);
    case 'rollout':
      return b.kind === 'rollout' && a.salt === b.salt && a.threshold <= b.threshold;
    default:
      return false;
  }
}

function textsApart(a: Of<'text'>, b: Of<'text'>): boolean {
  if (a.ci !== b.ci || a.mode !== b.mode || a.mode === 'infix') return false;
  const test = TEXT_TESTS[a.mode];
  const [x, y] = [fold(a.text, a.ci), fold(b.text, b.ci)];
  return !test(x, y) && !test(y, x);
}

/** No value is accepted by both `a` and `b`. */
export function shapesApart(a: Shape, b: Shape): boolean {
  if (isEmptyShape(a) || isEmptyShape(b)) return true;
  const kinds = kindsOf(b);
  if (!kindsOf(a).some((k) => kinds.includes(k))) return true;
  if (a.kind === 'values') return a.atoms.every((atom) => atomApartFromShape(atom, b));
  if (b.kind === 'values') return shapesApart(b, a);
  if (a.kind === 'number' && b.kind === 'number') return isEmpty(intersect(a.range, b.range, compareNumbers), compareNumbers);
  if (a.kind === 'semver' && b.kind === 'semver') return isEmpty(intersect(a.range, b.range, compareSemvers), compareSemvers);
  if (a.kind === 'text' && b.kind === 'text') return textsApart(a, b);
  if (a.kind === 'size' && b.kind === 'size') return Math.max(a.lo, b.lo) > Math.min(a.hi, b.hi);
  const pair = new Set([a.kind, b.kind]);
  if (pair.has('number') && pair.has('semver')) return true;
  if (pair.has('number') && pair.has('text')) {
    const text = (a.kind === 'text' ? a : b) as Of<'text'>;
    return !couldBeNumeric(text.text, text.ci);
  }
  return false;
}
