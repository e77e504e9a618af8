// fast-check arbitraries for the rule language: valid flags (every operator, segments, splits,
// schedules, prerequisites) and contexts full of the values operators must cope with.

import fc from 'fast-check';
import {
  OPERATORS, OPERATOR_SPECS,
  type Clause, type Condition, type Flag, type JsonValue, type Operator, type Rule, type Segment,
} from '../../shared/rules/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The seed of every property run: `FC_SEED` from the environment, or a constant. */
export const SEED = process.env.FC_SEED === undefined ? 20_260_329 : Number(process.env.FC_SEED);

/** Runs a property with the shared seed; a failure names the seed to reproduce it with. */
export function check<Ts>(property: fc.IProperty<Ts>, numRuns: number, params: fc.Parameters<Ts> = {}): void {
  const details = fc.check(property, { seed: SEED, numRuns, endOnFailure: false, ...params });
  if (details.failed) {
    throw new Error(`property failed; reproduce with FC_SEED=${SEED} (fast-check seed ${details.seed}, path "${details.counterexamplePath}")\n${fc.defaultReportMessage(details)}`);
  }
}

// ---------------------------------------------------------------- attribute values

/** Attribute paths the generated rules read; nested and flat forms both occur in contexts. */
export const ATTRIBUTES = ['country', 'plan', 'age', 'email', 'appVersion', 'signup', 'tags', 'geo', 'geo.country', 'user.id', 'user.address.city', 'targetingKey', 'score'] as const;

const STRINGS = [
  '', 'DE', 'de', 'US', 'us', 'FR', 'pro', 'Pro', 'PRO', 'free', 'a', 'A', 'abc', 'ABC', 'xabcx', 'x@example.com', 'X@Example.COM',
  'straße', 'STRASSE', 'İ', 'i̇', 'ß', 'é', 'e\u0301', '日本', '😀',
  '0', '42', '42.0', '-1', '-0', '1e2', '3.5', '.5', '0x10', ' 42', '42 ', '00', '9007199254740993', 'NaN', 'Infinity',
  '1.2.3', 'v1.2.3', 'V1.2.3', '2.3.0', '2.3.0-beta.1', '2.3.0+build.7', '10.0.0', '01.2.3', '1.2', ' 1.2.3',
  '2026-03-29T01:30:00Z', '2026-03-29T02:30:00+02:00', '2026-03-29T02:30:00', '2026-02-30T00:00:00Z', '2026-03-29t01:30:00z',
  'now', 'now-30d', 'true', 'false', 'null', 'user-1', 'user-2', 'constructor', '__proto__',
];

const NUMBERS = [0, -0, 1, 2, 3, 4, 42, 3.5, -1, 18, 21, 65, 100, 0.1 + 0.2, 1e21, 2 ** 53 - 1, -(2 ** 53 - 1), 1_774_742_400_000];

const scalarValue: fc.Arbitrary<JsonValue> = fc.oneof(
  { arbitrary: fc.constantFrom(...STRINGS), weight: 6 },
  { arbitrary: fc.constantFrom(...NUMBERS), weight: 3 },
  { arbitrary: fc.integer({ min: -5, max: 120 }), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
);

const latLon = fc.record({
  lat: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(52.52, 40.71, '52.5', 91, 'x')),
  lon: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(13.4, -74.0, '13.4', 181)),
}, { requiredKeys: [] });

/** An instant near `now` that lands on the boundaries relative operands produce, as ms or RFC 3339. */
function instantNear(now: number): fc.Arbitrary<JsonValue> {
  const offsets = [0, 1, -1, -30 * DAY, -30 * DAY + 1, -30 * DAY - 1, 2 * HOUR, 2 * HOUR - 1, -7 * DAY, -7 * DAY - 1, 90 * MINUTE, -DAY, 40 * DAY];
  return fc.tuple(fc.oneof(fc.constantFrom(...offsets), fc.integer({ min: -60 * DAY, max: 60 * DAY })), fc.constantFrom('ms', 'iso', 'offset') as fc.Arbitrary<'ms' | 'iso' | 'offset'>).map(([offset, form]) => {
    const t = now + offset;
    if (form === 'ms') return t;
    if (form === 'iso') return new Date(t).toISOString();
    return new Date(t + 2 * HOUR).toISOString().replace('Z', '+02:00');
  });
}

/** Any value an attribute may hold: missing (null), scalars, lists, objects, dates near `now`. */
function attributeValue(now: number): fc.Arbitrary<JsonValue> {
  return fc.oneof(
    { arbitrary: scalarValue, weight: 8 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: instantNear(now), weight: 2 },
    { arbitrary: fc.array(scalarValue, { maxLength: 5 }), weight: 2 },
    { arbitrary: latLon as fc.Arbitrary<JsonValue>, weight: 1 },
    { arbitrary: fc.record({ country: scalarValue, id: scalarValue, address: fc.record({ city: scalarValue }, { requiredKeys: [] }) }, { requiredKeys: [] }), weight: 1 },
    { arbitrary: fc.array(fc.array(scalarValue, { maxLength: 2 }), { maxLength: 2 }) as fc.Arbitrary<JsonValue>, weight: 1 },
  );
}

// ---------------------------------------------------------------- operands

const semverText = fc.constantFrom('1.0.0', '1.2.3', 'v1.2.3', '2.3.0', '2.3.0-beta.1', '2.3.0-alpha', '2.3.0+build.7', '10.0.0', '0.0.1');

const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 0, 30, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Kiritimati'] as const;

const timeWindow = fc
  .record({
    days: fc.option(fc.subarray(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], { minLength: 1 }), { nil: undefined }),
    from: clock,
    to: fc.oneof(clock, fc.constant('24:00')),
    tz: fc.constantFrom(...TIME_ZONES),
  })
  .filter((w) => w.from !== w.to)
  .map((w) => (w.days === undefined ? { from: w.from, to: w.to, tz: w.tz } : w));

function dateOperand(now: number): fc.Arbitrary<string | number> {
  const relative = fc.constantFrom('now', 'now-30d', 'now+2h', 'now-1w', 'now+90m', 'now-1d', 'now+1w');
  const absolute = instantNear(now).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return fc.oneof(relative, absolute);
}

/** Milliseconds of a date operand at `now`, to order a pair of them. */
function dateAt(value: string | number, now: number): number {
  if (typeof value === 'number') return value;
  const m = /^now(?:([+-])(\d+)([mhdw]))?$/.exec(value);
  if (!m) return Date.parse(value);
  if (!m[1]) return now;
  const unit = { m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY }[m[3] as 'm' | 'h' | 'd' | 'w'];
  return now + (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit;
}

const number = fc.oneof(fc.constantFrom(0, 1, 18, 21, 42, 3.5, -1, 100, 2 ** 53 - 1, -(2 ** 53 - 1), 0.30000000000000004), fc.integer({ min: -5, max: 120 }));
const scalarOperand: fc.Arbitrary<string | number | boolean> = fc.oneof(
  { arbitrary: fc.constantFrom(...STRINGS), weight: 4 },
  { arbitrary: number, weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
);
const scalarList = fc.array(scalarOperand, { minLength: 1, maxLength: 5 });
const textOperand = fc.constantFrom('', 'a', 'A', 'abc', 'ABC', 'pro', 'Pro', 'de', 'DE', '@example.com', '@EXAMPLE.COM', 'ß', 'İ', '2.3', '-', '😀');
const patternOperand = fc.constantFrom('^a', 'b$', 'abc', '^\\d+$', '(?i)^de$', '^[[:alpha:]]+$', '.', '', '^$', '@example\\.com$', '^v?\\d+\\.\\d+', '(a+)+$', '^\\p{Lu}', '[ßẞ]', '^.$');

/** A well-formed operand for `op` (validation accepts it), given the evaluation's `now`. */
export function operandFor(op: Operator, now: number): fc.Arbitrary<unknown> {
  switch (OPERATOR_SPECS[op].operand) {
    case 'scalar': return scalarOperand;
    case 'scalarList': return scalarList;
    case 'string': return textOperand;
    case 'regex': return patternOperand;
    case 'number': return number;
    case 'numberRange': return fc.tuple(number, number).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    case 'date': return dateOperand(now);
    case 'dateRange':
      return fc.tuple(dateOperand(now), dateOperand(now)).map(([a, b]) => {
        // Ends of one kind must be ordered; a relative and an absolute end may come in any order.
        const sameKind = (typeof a === 'string' && a.startsWith('now')) === (typeof b === 'string' && b.startsWith('now'));
        return sameKind && dateAt(a, now) > dateAt(b, now) ? [b, a] : [a, b];
      });
    case 'timeWindow': return timeWindow;
    case 'semver': return semverText;
    case 'semverRange': return fc.constantFrom(['1.0.0', '2.3.0'], ['2.3.0-beta.1', '2.3.0'], ['v1.2.3', '10.0.0'], ['2.3.0', '2.3.0']);
    case 'size': return fc.integer({ min: 0, max: 4 });
    case 'none': return fc.constant(undefined);
    case 'geo': return fc.record({ lat: fc.constantFrom(52.52, 40.71, 0, -33.9), lon: fc.constantFrom(13.4, -74.0, 0, 151.2), km: fc.constantFrom(1, 50, 500, 20_000) });
    case 'rollout': return fc.record({ salt: fc.constantFrom('ramp', 'exp-2026', 'é'), percent: fc.oneof(fc.constantFrom(0, 0.001, 50, 99.999, 100), fc.integer({ min: 0, max: 100_000 }).map((t) => t / 1000)) });
  }
}

/** A clause over `op`: attribute from the vocabulary (none for time_window), case folding where it applies. */
export function clauseFor(op: Operator, now: number, attrs: fc.Arbitrary<string> = fc.constantFrom(...ATTRIBUTES)): fc.Arbitrary<Clause> {
  const spec = OPERATOR_SPECS[op];
  return fc
    .record({
      attr: spec.needsAttr ? attrs : fc.constant(undefined),
      value: operandFor(op, now),
      caseInsensitive: spec.foldsCase ? fc.option(fc.boolean(), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ attr, value, caseInsensitive }) => ({
      ...(attr === undefined ? {} : { attr }),
      op,
      ...(value === undefined ? {} : { value }),
      ...(caseInsensitive === undefined ? {} : { caseInsensitive }),
    }));
}

function anyClause(now: number): fc.Arbitrary<Clause> {
  return fc.constantFrom(...OPERATORS).chain((op) => clauseFor(op, now));
}

/** A condition: nested all / any / not over clauses and references to `segments`. */
export function condition(now: number, segments: readonly string[], maxDepth = 3): fc.Arbitrary<Condition> {
  const leaf: fc.Arbitrary<Condition> = segments.length === 0
    ? anyClause(now)
    : fc.oneof({ arbitrary: anyClause(now), weight: 6 }, { arbitrary: fc.constantFrom(...segments).map((segment) => ({ segment })), weight: 1 });
  const { node } = fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { arbitrary: leaf, weight: 3 },
      { arbitrary: fc.array(tie('node'), { minLength: 0, maxLength: 3 }).map((all) => ({ all })), weight: 1 },
      { arbitrary: fc.array(tie('node'), { minLength: 0, maxLength: 3 }).map((any) => ({ any })), weight: 1 },
      { arbitrary: tie('node').map((not) => ({ not })), weight: 1 },
    ),
  }));
  return node;
}

/**
 * Attribute values drawn from operands (their scalars, case variants and numeric-string forms,
 * the lists themselves), so clauses over them often hold; mixed with any value at all.
 */
export function valueNear(operands: readonly unknown[], now: number): fc.Arbitrary<JsonValue> {
  const near: JsonValue[] = [];
  const instant = (t: number) => near.push(t, t - 1, t + 1, new Date(t).toISOString(), new Date(t + 1).toISOString());
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (typeof x === 'string') {
      near.push(x, x.toUpperCase(), x.toLowerCase(), `x${x}x`, x.replace(/^v/, ''));
      const semver = /^v?(\d+)\.(\d+)\.(\d+)/.exec(x);
      if (semver) near.push(`${Number(semver[1]) + 1}.0.0`, `${semver[1]}.${semver[2]}.${Number(semver[3]) + 1}`, '0.0.0', `${semver[1]}.${semver[2]}.${semver[3]}-rc.1`);
      if (/^now([+-]\d+[mhdw])?$/.test(x)) instant(dateAt(x, now));
      else if (/^\d{4}-\d{2}-\d{2}T/.test(x) && Number.isFinite(Date.parse(x))) instant(Date.parse(x));
    } else if (typeof x === 'number') {
      near.push(x, String(x), x + 1, x - 1);
      if (Number.isInteger(x) && x >= 0 && x <= 5) near.push(Array.from({ length: x }, (_, i) => `e${i}`), Array.from({ length: x + 1 }, (_, i) => i));
      if (x > 1e12 && x < 1e14) instant(x);
    } else if (typeof x === 'boolean') near.push(x);
    else if (typeof x === 'object' && x !== null) Object.values(x).forEach(visit);
  };
  for (const operand of operands) {
    visit(operand);
    if (Array.isArray(operand)) near.push(operand as JsonValue[], (operand as JsonValue[]).slice(0, 1), [...(operand as JsonValue[]), 'extra']);
    if (typeof operand === 'object' && operand !== null && 'lat' in operand && 'lon' in operand) near.push({ lat: operand.lat as number, lon: operand.lon as number });
  }
  const any = attributeValue(now);
  return near.length === 0 ? any : fc.oneof(fc.constantFrom(...near), any);
}

// ---------------------------------------------------------------- flags

const VARIANT_VALUES: Record<string, JsonValue> = { on: true, off: false, a: 'A', b: { color: 'blue', size: [1, 2] }, c: 3.5, d: null };
const VARIANTS = Object.keys(VARIANT_VALUES);

/** Integer thousandths of a percent for `n` variants, summing to 100,000, zeros allowed. */
const weights = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((x, y) => x - y), 100_000];
    return sorted.slice(1).map((c, i) => (c - sorted[i]!) / 1000);
  });

function serve(flagKey: string) {
  const variant = fc.constantFrom(...VARIANTS).map((v) => ({ variant: v }));
  const rollout = fc
    .record({
      variants: fc.shuffledSubarray(VARIANTS, { minLength: 1, maxLength: 4 }),
      by: fc.constantFrom('targetingKey', 'targetingKey', 'user.id', 'age'),
      salt: fc.option(fc.constantFrom(flagKey, 'ramp', 'exp-2026', 'é/日本'), { nil: undefined }),
      whenUnitMissing: fc.option(fc.constantFrom('no_match', 'first_variant') as fc.Arbitrary<'no_match' | 'first_variant'>, { nil: undefined }),
      experiment: fc.option(fc.constantFrom('exp-1', 'exp-2').map((id) => ({ id })), { nil: undefined }),
    })
    .chain((r) =>
      weights(r.variants.length).map((w) => ({
        rollout: {
          by: r.by,
          ...(r.salt === undefined ? {} : { salt: r.salt }),
          split: r.variants.map((v, i) => ({ variant: v, weight: w[i]! })),
          ...(r.whenUnitMissing === undefined ? {} : { whenUnitMissing: r.whenUnitMissing }),
          ...(r.experiment === undefined ? {} : { experiment: r.experiment }),
        },
      })),
    );
  return fc.oneof(variant, rollout);
}

/** A schedule around `now`: each end absent, an RFC 3339 string or epoch ms, `from` before `until`. */
function schedule(now: number) {
  const end = fc.oneof(
    fc.constant(undefined),
    fc.tuple(fc.oneof(fc.constantFrom(0, 1, -1), fc.integer({ min: -10 * DAY, max: 10 * DAY })), fc.boolean()).map(([offset, iso]) => (iso ? new Date(now + offset).toISOString() : now + offset)),
  );
  return fc.tuple(end, end).map(([a, b]) => {
    const ms = (x: string | number) => (typeof x === 'number' ? x : Date.parse(x));
    if (a !== undefined && b !== undefined) {
      if (ms(a) === ms(b)) return { from: a };
      return ms(a) < ms(b) ? { from: a, until: b } : { from: b, until: a };
    }
    return { ...(a === undefined ? {} : { from: a }), ...(b === undefined ? {} : { until: b }) };
  });
}

/** `arbitrary` once in `n` times, otherwise undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: n - 1 }, { arbitrary, weight: 1 });
}

function rule(key: string, index: number, now: number, segments: readonly string[]): fc.Arbitrary<Rule> {
  return fc
    .record({
      when: fc.option(condition(now, segments), { nil: undefined, freq: 8 }),
      serve: serve(key),
      schedule: sometimes(schedule(now), 6),
    })
    .map(({ when, serve: s, schedule: sc }) => ({ id: `r${index}`, ...(when === undefined ? {} : { when }), serve: s, ...(sc === undefined ? {} : { schedule: sc }) }) as Rule);
}

function flagDoc(key: string, now: number, segments: readonly string[], prerequisites: readonly { key: string; variants: readonly string[] }[], maxRules: number): fc.Arbitrary<Flag> {
  return fc
    .record({
      enabled: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
      variants: fc.shuffledSubarray(VARIANTS, { minLength: VARIANTS.length, maxLength: VARIANTS.length }),
      offVariant: fc.constantFrom(...VARIANTS),
      defaultVariant: fc.constantFrom(...VARIANTS),
      rules: fc.integer({ min: 0, max: maxRules }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rule(key, i, now, segments)))),
      schedule: sometimes(schedule(now), 8),
      prerequisites: (prerequisites.length === 0 ? fc.constant(undefined) : sometimes(fc.subarray([...prerequisites], { minLength: 1 }), 3)).chain((ps) =>
        fc.tuple(...(ps ?? []).map((p) => fc.oneof(fc.constant('on'), fc.constantFrom(...p.variants)).map((variant) => ({ flag: p.key, variant })))),
      ),
    })
    .map((f) => ({
      key,
      enabled: f.enabled,
      variants: Object.fromEntries(f.variants.map((v) => [v, VARIANT_VALUES[v]!])),
      offVariant: f.offVariant,
      defaultVariant: f.defaultVariant,
      ...(f.rules.length === 0 ? {} : { rules: f.rules }),
      ...(f.schedule === undefined ? {} : { schedule: f.schedule }),
      ...(f.prerequisites.length === 0 ? {} : { prerequisites: f.prerequisites }),
    }) as Flag);
}

export type Scenario = {
  readonly now: number;
  readonly flag: Flag;
  readonly segments: Readonly<Record<string, Segment>>;
  readonly flags: Readonly<Record<string, Flag>>;
};

/** Instants the scenarios evaluate at: DST switches, midnights, and ordinary times in 2026. */
export const NOWS = [
  '2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z',
  '2026-03-08T07:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-01-01T00:00:00Z', '2026-05-15T22:00:00Z',
  '2026-05-16T01:00:00Z', '2026-06-15T12:34:56.789Z', '2026-12-31T23:59:59.999Z',
].map((t) => Date.parse(t));

/** A flag with up to three segments (referring only to earlier ones, so no cycles) and up to two prerequisite flags. */
export function scenario(maxRules = 4): fc.Arbitrary<Scenario> {
  return fc.oneof(fc.constantFrom(...NOWS), fc.integer({ min: NOWS[0]!, max: NOWS[0]! + 300 * DAY })).chain((now) =>
    fc.integer({ min: 0, max: 3 }).chain((segmentCount) => {
      const keys = Array.from({ length: segmentCount }, (_, i) => `seg-${i}`);
      const segments = fc.tuple(...keys.map((key, i) => condition(now, keys.slice(0, i), 2).map((when): Segment => ({ key, when }))));
      const pre0 = flagDoc('pre-0', now, keys, [], 2);
      const pre1 = flagDoc('pre-1', now, keys, [{ key: 'pre-0', variants: VARIANTS }], 2);
      return fc.tuple(segments, pre0, pre1).chain(([segs, p0, p1]) =>
        flagDoc('main', now, keys, [{ key: 'pre-0', variants: VARIANTS }, { key: 'pre-1', variants: VARIANTS }], maxRules).map((flag) => ({
          now,
          flag,
          segments: Object.fromEntries(segs.map((s) => [s.key, s])),
          flags: { 'pre-0': p0, 'pre-1': p1 },
        })),
      );
    }),
  );
}

/** Every clause of a condition, segments not followed. */
export function clausesIn(condition: Condition | undefined, out: Clause[] = []): Clause[] {
  if (condition === undefined) return out;
  if ('all' in condition) condition.all.forEach((c) => clausesIn(c, out));
  else if ('any' in condition) condition.any.forEach((c) => clausesIn(c, out));
  else if ('not' in condition) clausesIn(condition.not, out);
  else if (!('segment' in condition)) out.push(condition);
  return out;
}

/**
 * A context for a scenario: every attribute its clauses read is often given a value near their
 * operands, nested (`{ geo: { country } }`) or flat (`"geo.country"`); the rest is anything.
 */
export function scenarioContext(s: Scenario): fc.Arbitrary<Record<string, JsonValue>> {
  const operands = new Map<string, unknown[]>();
  const flags = [s.flag, ...Object.values(s.flags)];
  const clauses = [...flags.flatMap((f) => (f.rules ?? []).flatMap((r) => clausesIn(r.when, []))), ...Object.values(s.segments).flatMap((g) => clausesIn(g.when, []))];
  for (const c of clauses) if (c.attr !== undefined) operands.set(c.attr, [...(operands.get(c.attr) ?? []), c.value]);
  const valueFor = (attr: string) => valueNear(operands.get(attr) ?? [], s.now);
  const nested = {
    geo: fc.oneof(valueFor('geo'), fc.record({ country: valueFor('geo.country'), lat: fc.constant(52.52), lon: fc.constant(13.4) }, { requiredKeys: [] })),
    user: fc.oneof(attributeValue(s.now), fc.record({ id: valueFor('user.id'), address: fc.record({ city: valueFor('user.address.city') }, { requiredKeys: [] }) }, { requiredKeys: [] })),
  };
  const flat = ['country', 'plan', 'age', 'email', 'appVersion', 'signup', 'tags', 'geo.country', 'user.id', 'user.address.city', 'targetingKey', 'score'];
  return fc.record({ ...Object.fromEntries(flat.map((k) => [k, valueFor(k)])), ...nested }, { requiredKeys: [] }) as fc.Arbitrary<Record<string, JsonValue>>;
}
