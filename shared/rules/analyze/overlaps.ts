// Two rules serving different variants to some of the same users, neither containing the other:
// `country in [DE, FR]` serving `on` before `country in [DE, AT]` serving `off`. Reported only with
// a concrete user in each part (both, only the later, only the earlier) as evidence.

import { issue, type Issue } from '../issues.ts';
import type { Segment } from '../schema.ts';
import { toEpochMs, toNumber } from '../values.ts';
import { atomValue, type Atom } from './atoms.ts';
import { conditionText, valueText } from './describe.ts';
import type { RuleForm } from './forms.ts';
import { literalsOf, type Literal } from './normalize.ts';
import { candidatesFor, holdsFor, pick, satisfies } from './witness.ts';

type Segments = Readonly<Record<string, Segment>>;

const variantOf = (form: RuleForm) => ('variant' in form.rule.serve ? form.rule.serve.variant : undefined);

/** Whether the rules' schedules leave some instant at which both are active. */
function activeTogether(a: RuleForm, b: RuleForm): boolean {
  // An unreadable bound (only in an invalid flag) reads as NaN, and NaN never compares true.
  const bound = (at: string | number | undefined, open: number) => (at === undefined ? open : (toEpochMs(at) ?? NaN));
  const schedules = [a.rule.schedule, b.rule.schedule];
  const from = Math.max(...schedules.map((s) => bound(s?.from, -Infinity)));
  const until = Math.min(...schedules.map((s) => bound(s?.until, Infinity)));
  return from < until;
}

const holdAll = (literals: readonly Literal[], value: unknown) => literals.every((l) => satisfies(l, value));

/** An attribute both rules restrict with equality or set clauses. */
function sharedSetAttributes(earlier: readonly Literal[], later: readonly Literal[]): string[] {
  const setAttrs = (ls: readonly Literal[]) => new Set(ls.flatMap((l) => (!l.negated && l.shape.kind === 'values' && l.attr !== undefined ? [l.attr] : [])));
  const inLater = setAttrs(later);
  return [...setAttrs(earlier)].filter((a) => inLater.has(a));
}

type Evidence = { readonly attr: string; readonly shared: readonly unknown[] };

/** Rule evaluations the whole overlap search may spend: it stays fast on the largest flags, reporting less. */
export type Effort = { left: number };

const SHARED_SHOWN = 10;
const TRIES = 24;

const KEYS = new WeakMap<Atom, readonly string[]>();

/** Loose keys per atom (cached), so lists meet in linear time; every pick is then checked by evaluation. */
function keysOf(atom: Atom): readonly string[] {
  let keys = KEYS.get(atom);
  if (!keys) {
    const n = atom.t === 'str' ? toNumber(atom.s) : undefined;
    keys = atom.t === 'bool' ? [`b:${atom.b}`] : atom.t === 'num' ? [`n:${atom.n}`] : n === undefined ? [`s:${atom.s.toLowerCase()}`] : [`s:${atom.s.toLowerCase()}`, `n:${n}`];
    KEYS.set(atom, keys);
  }
  return keys;
}

const KEY_SETS = new WeakMap<readonly Atom[], ReadonlySet<string>>();

function keySetOf(atoms: readonly Atom[]): ReadonlySet<string> {
  let keys = KEY_SETS.get(atoms);
  if (!keys) KEY_SETS.set(atoms, (keys = new Set(atoms.flatMap(keysOf))));
  return keys;
}

/** Up to `TRIES` values of a rule's set clauses on `attr` the other rule's sets may hold too, and up to `TRIES` they surely do not. */
function valuesOn(attr: string, own: readonly Literal[], other: readonly Literal[]): { common: unknown[]; apart: unknown[] } {
  const lists = (ls: readonly Literal[]) => ls.flatMap((l) => (l.attr === attr && !l.negated && l.shape.kind === 'values' ? [l.shape.atoms] : []));
  const theirs = lists(other).map(keySetOf);
  const [common, apart]: [unknown[], unknown[]] = [[], []];
  for (const atom of lists(own).flat()) {
    if (common.length >= TRIES && apart.length >= TRIES) break;
    (keysOf(atom).some((k) => theirs.some((keys) => keys.has(k))) ? common : apart).push(atomValue(atom));
  }
  return { common, apart };
}

/** A value for every other attribute the two rules read, satisfying both rules' clauses on it. */
function baseUser(attr: string, literals: readonly Literal[]): Record<string, unknown> | undefined {
  const base: Record<string, unknown> = {};
  for (const other of new Set(literals.flatMap((l) => (l.attr === undefined || l.attr === attr ? [] : [l.attr])))) {
    const on = literals.filter((l) => l.attr === other);
    const chosen = pick(candidatesFor(on), (v) => holdAll(on, v));
    if (!chosen) return undefined;
    if (chosen.value !== undefined) base[other] = chosen.value;
  }
  return base;
}

/** Users proving the overlap on `attr`: some match both rules (and no rule before), some only the later, some only the earlier. */
function evidenceOn(attr: string, earlier: RuleForm, later: RuleForm, before: readonly RuleForm[], segments: Segments, effort: Effort): Evidence | undefined {
  const [mine, theirs] = [literalsOf(earlier.condition.terms), literalsOf(later.condition.terms)];
  const base = baseUser(attr, [...mine, ...theirs]);
  if (!base) return undefined;
  const matches = (form: RuleForm, value: unknown) => {
    effort.left--;
    return holdsFor(form.rule.when, value === undefined ? base : { ...base, [attr]: value }, segments);
  };
  const [fromEarlier, fromLater] = [valuesOn(attr, mine, theirs), valuesOn(attr, theirs, mine)];
  const shared: unknown[] = [];
  for (const v of fromEarlier.common) {
    if (shared.length === SHARED_SHOWN || effort.left <= 0) break;
    if (matches(earlier, v) === true && matches(later, v) === true && before.every((f) => matches(f, v) === false)) shared.push(v);
  }
  const only = (values: readonly unknown[], mine: RuleForm, other: RuleForm) =>
    pick(values, (v) => effort.left > 0 && matches(mine, v) === true && matches(other, v) === false);
  const evidence = shared.length > 0 && only(fromLater.apart, later, earlier) && only(fromEarlier.apart, earlier, later);
  return evidence ? { attr, shared: [...new Set(shared)] } : undefined;
}

function overlapMessage(earlier: RuleForm, later: RuleForm, evidence: Evidence): string {
  const [e, l] = [earlier.rule.id, later.rule.id];
  const values = evidence.shared.length === 1 ? `${evidence.attr} is ${valueText(evidence.shared[0])}` : `${evidence.attr} is one of ${valueText(evidence.shared)}`;
  return (
    `Rules '${e}' and '${l}' overlap: users whose ${values} and who meet both rules' other conditions match rule '${e}' (${conditionText(earlier.rule.when)}), ` +
    `which serves '${variantOf(earlier)}', and rule '${l}' (${conditionText(later.rule.when)}), which serves '${variantOf(later)}'. ` +
    `Rule '${e}' comes first, so they get '${variantOf(earlier)}'; rule '${l}' serves '${variantOf(later)}' only to its users that rule '${e}' does not match.`
  );
}

/** Overlaps found, and the rule at which the caller's `stop` ended the pass. */
export type Overlaps = { readonly issues: Issue[]; readonly stoppedAt?: number };

/** Pairs of live rules serving different single variants whose audiences provably overlap. */
export function overlaps(forms: readonly RuleForm[], dead: ReadonlySet<number>, segments: Segments, stop: () => boolean): Overlaps {
  const effort: Effort = { left: 2000 };
  const simple = (f: RuleForm) => !dead.has(f.index) && variantOf(f) !== undefined && f.condition.terms.every((t) => t.kind === 'literal' && t.clause !== undefined);
  const issues: Issue[] = [];
  for (const later of forms) {
    if (stop()) return { issues, stoppedAt: later.index };
    if (!simple(later)) continue;
    for (const earlier of forms.slice(0, later.index)) {
      if (effort.left <= 0) return { issues };
      if (!simple(earlier) || variantOf(earlier) === variantOf(later) || !activeTogether(earlier, later)) continue;
      const attrs = sharedSetAttributes(literalsOf(earlier.condition.terms), literalsOf(later.condition.terms));
      const before = forms.slice(0, earlier.index);
      const evidence = attrs.map((a) => evidenceOn(a, earlier, later, before, segments, effort)).find((x) => x !== undefined);
      if (evidence) issues.push(issue(later.at, 'OVERLAPPING_RULES', overlapMessage(earlier, later, evidence)));
    }
  }
  return { issues };
}
