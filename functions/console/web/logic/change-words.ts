// A diff between two versions of a flag, in words: the admin API answers JSON Pointer changes
// (`/rules/0/serve/rollout/split/0/weight` 25 → 30); people read "Rule eu-launch: on 25% -> 30%".
// Changes inside one rule's condition, one rule's serve or the tags become one sentence each,
// named from the two documents (rule ids, variant names); each keeps its raw changes for the JSON view.

export type Change = { readonly op: string; readonly path: string; readonly before?: unknown; readonly after?: unknown };
export type ChangeInWords = { readonly text: string; readonly changes: readonly Change[] };

type Doc = { rules?: { id?: string; when?: unknown; serve?: unknown }[]; tags?: string[] } & Record<string, unknown>;

const OPS: Record<string, string> = {
  eq: 'is', neq: 'is not', in: 'is one of', not_in: 'is not one of', gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'is between',
  contains: 'contains', not_contains: 'does not contain', starts_with: 'starts with', ends_with: 'ends with', matches: 'matches', exists: 'is present', not_exists: 'is absent',
  before: 'is before', after: 'is after', between_dates: 'is between',
  semver_eq: 'version =', semver_gt: 'version >', semver_gte: 'version >=', semver_lt: 'version <', semver_lte: 'version <=', semver_between: 'version is between',
  contains_all: 'contains all of', contains_any: 'contains any of', contains_none: 'contains none of', size_eq: 'has size', size_gt: 'has more items than', size_lt: 'has fewer items than',
  within_radius: 'is within', in_rollout: 'is in the rollout',
};
/** Operators whose value is a [low, high] pair, read "between low and high". */
const RANGES = new Set(['between', 'between_dates', 'semver_between']);

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/** A value as short text: strings bare, lists joined, anything else as compact JSON. */
export function valueWords(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.length ? v.map((x) => valueWords(x)).join(', ') : 'none';
  return JSON.stringify(v);
}

/** A condition in words: `plan is pro and geo.country is one of DE, FR`. */
export function conditionWords(c: unknown, nested = false): string {
  if (c === undefined || c === null) return 'always';
  if (typeof c !== 'object') return valueWords(c);
  const o = c as Record<string, unknown>;
  const group = (list: unknown, joiner: string) => {
    const parts = Array.isArray(list) ? list.map((x) => conditionWords(x, true)) : [];
    const text = parts.length ? parts.join(joiner) : 'always';
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if ('all' in o) return group(o.all, ' and ');
  if ('any' in o) return group(o.any, ' or ');
  if ('not' in o) return `not ${conditionWords(o.not, true)}`;
  if ('segment' in o) return `in segment ${valueWords(o.segment)}`;
  if (o.op === 'time_window') {
    const w = (o.value ?? {}) as { days?: unknown; from?: unknown; to?: unknown; tz?: unknown };
    const days = Array.isArray(w.days) && w.days.length > 0 ? `${valueWords(w.days)} ` : '';
    return `the time is ${days}${valueWords(w.from)}–${valueWords(w.to)} ${valueWords(w.tz ?? 'UTC')}`;
  }
  if (typeof o.attr === 'string' && typeof o.op === 'string') {
    const op = OPS[o.op] ?? o.op.replace(/_/g, ' ');
    if (RANGES.has(o.op) && Array.isArray(o.value) && o.value.length === 2) return `${o.attr} ${op} ${valueWords(o.value[0])} and ${valueWords(o.value[1])}`;
    return 'value' in o ? `${o.attr} ${op} ${valueWords(o.value)}` : `${o.attr} ${op}`;
  }
  return JSON.stringify(c);
}

type Split = { variant: string; weight: number }[];
type Serve = { variant?: string; rollout?: { split?: Split; by?: string; experiment?: { id?: string } } };

export function serveWords(s: unknown): string {
  const serve = (s ?? {}) as Serve;
  if (typeof serve.variant === 'string') return serve.variant;
  if (serve.rollout?.split) return serve.rollout.split.map((x) => `${x.variant} ${x.weight}%`).join(' / ');
  return valueWords(s);
}

function serveChange(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Serve;
  const a = (after ?? {}) as Serve;
  if (!b.rollout || !a.rollout) return `serves ${serveWords(before)} -> ${serveWords(after)}`;
  const parts: string[] = [];
  const weights = (s: Split | undefined) => new Map((s ?? []).map((x) => [x.variant, x.weight]));
  const wb = weights(b.rollout.split);
  const wa = weights(a.rollout.split);
  for (const v of new Set([...wb.keys(), ...wa.keys()])) {
    if (wb.get(v) !== wa.get(v)) parts.push(`${v} ${wb.get(v) ?? 0}% -> ${wa.get(v) ?? 0}%`);
  }
  if ((b.rollout.by ?? 'targetingKey') !== (a.rollout.by ?? 'targetingKey')) parts.push(`bucketed by ${b.rollout.by ?? 'targetingKey'} -> ${a.rollout.by ?? 'targetingKey'}`);
  if (b.rollout.experiment?.id !== a.rollout.experiment?.id) parts.push(`experiment ${b.rollout.experiment?.id ?? 'none'} -> ${a.rollout.experiment?.id ?? 'none'}`);
  return parts.length ? parts.join(', ') : 'split settings changed';
}

const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : valueWords(v));
const FIELDS: Record<string, string> = { name: 'Name', description: 'Description', owner: 'Owner', defaultVariant: 'Default variant', offVariant: 'Off variant', clientVisible: 'Visible to client keys' };

function fieldSentence(label: string, ch: Change, show: (v: unknown) => string): string {
  if (ch.op === 'added') return `${label} set to ${show(ch.after)}`;
  if (ch.op === 'removed') return `${label} removed (was ${show(ch.before)})`;
  return `${label}: ${show(ch.before)} -> ${show(ch.after)}`;
}

/** The changes of a diff as sentences, given the documents of its two versions (undefined when unknown or not yet existing). */
export function changesInWords(changes: readonly Change[], before: unknown, after: unknown): ChangeInWords[] {
  const b = (before ?? {}) as Doc;
  const a = (after ?? {}) as Doc;
  const ruleName = (i: number) => {
    const id = a.rules?.[i]?.id ?? b.rules?.[i]?.id;
    return id ? `Rule ${id}` : `Rule ${i + 1}`;
  };
  const groups = new Map<string, Change[]>();
  for (const ch of changes) {
    const parts = ch.path.split('/').slice(1).map(unescape);
    let key = ch.path;
    if (parts[0] === 'rules' && parts.length > 3 && (parts[2] === 'when' || parts[2] === 'serve')) key = `/rules/${parts[1]}/${parts[2]}`;
    else if (parts[0] === 'tags' && parts.length > 1) key = '/tags';
    groups.set(key, [...(groups.get(key) ?? []), ch]);
  }
  return [...groups].map(([key, list]) => ({ text: sentence(key, list), changes: list }));

  function sentence(key: string, list: Change[]): string {
    const ch = list[0]!;
    const exact = list.length === 1 && ch.path === key;
    const parts = key.split('/').slice(1).map(unescape);
    if (key === '' || key === '/') return ch.op === 'added' ? 'Flag created' : ch.op === 'removed' ? 'Flag deleted' : 'Whole flag replaced';
    if (parts[0] === 'rules' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      const i = Number(parts[1]);
      if (parts.length === 2 && exact) {
        const rule = (ch.op === 'removed' ? ch.before : ch.after) as { id?: string; when?: unknown; serve?: unknown } | undefined;
        if (ch.op === 'added') return `Rule ${rule?.id ?? i + 1} added as rule ${i + 1}: when ${conditionWords(rule?.when)}, serve ${serveWords(rule?.serve)}`;
        if (ch.op === 'removed') return `Rule ${rule?.id ?? i + 1} removed (was rule ${i + 1})`;
        const was = ch.before as { id?: string } | undefined;
        return `Rule ${i + 1} replaced: ${was?.id ?? '?'} -> ${rule?.id ?? '?'}`;
      }
      if (parts[2] === 'when') return `${ruleName(i)}: when ${conditionWords(b.rules?.[i]?.when)} -> when ${conditionWords(a.rules?.[i]?.when)}`;
      if (parts[2] === 'serve') {
        const sb = b.rules?.[i]?.serve;
        const sa = a.rules?.[i]?.serve;
        if (sb !== undefined || sa !== undefined) return `${ruleName(i)}: ${serveChange(sb, sa)}`;
        // Neither document known: the weights by their place in the split.
        return `${ruleName(i)}: ${list.map((c) => {
          const w = /\/split\/(\d+)\/weight$/.exec(c.path);
          return w ? `split part ${Number(w[1]) + 1} ${valueWords(c.before)}% -> ${valueWords(c.after)}%` : fieldSentence(c.path.split('/').slice(3).map(unescape).join(' › '), c, (v) => JSON.stringify(v));
        }).join(', ')}`;
      }
      if (parts[2] === 'id' && exact) return `Rule ${i + 1} renamed: ${valueWords(ch.before)} -> ${valueWords(ch.after)}`;
    }
    if (key === '/tags') return `Tags: ${valueWords(b.tags ?? [])} -> ${valueWords(a.tags ?? [])}`;
    if (key === '/enabled' && exact) return ch.after === true ? 'Turned on (rules decide)' : ch.after === false ? 'Turned off (everyone gets the off variant)' : fieldSentence('Enabled', ch, valueWords);
    if (parts[0] === 'variants' && parts.length === 2 && exact) {
      const v = parts[1];
      if (ch.op === 'added') return `Variant ${v} added (${JSON.stringify(ch.after)})`;
      if (ch.op === 'removed') return `Variant ${v} removed (was ${JSON.stringify(ch.before)})`;
      return `Variant ${v}: ${JSON.stringify(ch.before)} -> ${JSON.stringify(ch.after)}`;
    }
    const label = parts.length === 1 ? FIELDS[parts[0]!] : undefined;
    if (label && exact) return fieldSentence(label, ch, parts[0] === 'clientVisible' ? (v) => (v ? 'yes' : 'no') : quoted);
    return list.map((c) => fieldSentence(c.path.split('/').slice(1).map(unescape).join(' › '), c, (v) => JSON.stringify(v))).join('; ');
  }
}
