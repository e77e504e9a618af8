// The three workloads, written once in our rule language; each peer's adapter translates them.
// W1 a typical rule with a 30% rollout, W2 1,000 varied flags per call, W3 a regex clause.

import type { Condition, FlagInput, Rule } from '../../shared/rules/index.ts';
import { seeded, type Random } from './random.ts';
import { COUNTRIES, PLANS } from './users.ts';

export type WorkloadName = 'W1' | 'W2' | 'W3';

export type Workload = {
  readonly name: WorkloadName;
  readonly description: string;
  /** W1 and W3 evaluate their one flag per call; W2 evaluates all of its flags per call. */
  readonly flags: readonly FlagInput[];
};

/** The instant every evaluation runs at (no rule here depends on it). */
export const NOW = Date.UTC(2026, 10, 16, 12, 0, 0);

const BOOLEAN = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

export const W1_FLAG: FlagInput = {
  key: 'checkout-w1',
  ...BOOLEAN,
  rules: [{
    id: 'typical',
    when: { any: [
      { all: [
        { attr: 'country', op: 'in', value: ['US', 'DE', 'FR', 'NL', 'GB'] },
        { attr: 'plan', op: 'eq', value: 'pro' },
        { attr: 'appVersion', op: 'semver_gte', value: '2.3.0' },
      ] },
      { attr: 'email', op: 'ends_with', value: '@example.com' },
    ] },
    serve: { rollout: { by: 'targetingKey', salt: 'checkout-w1', split: [{ variant: 'on', weight: 30 }, { variant: 'off', weight: 70 }] } },
  }],
};

export const W3_PATTERN = '^[a-z0-9._%+-]+@(example|test)\\.com$';

export const W3_FLAG: FlagInput = {
  key: 'regex-w3',
  ...BOOLEAN,
  rules: [{ id: 'staff-email', when: { attr: 'email', op: 'matches', value: W3_PATTERN }, serve: { variant: 'on' } }],
};

const countries = COUNTRIES.map(([c]) => c);
const plans = PLANS.map(([p]) => p);

function clauseOf(random: Random): Condition {
  return random.weighted<() => Condition>([
    [() => ({ attr: 'country', op: 'in', value: random.sample(countries, random.int(1, 6)) }), 4],
    [() => ({ attr: 'plan', op: 'eq', value: random.pick(plans) }), 3],
    [() => ({ attr: 'plan', op: 'in', value: random.sample(plans, 2) }), 1],
    [() => ({ attr: 'appVersion', op: 'semver_gte', value: `${random.int(1, 3)}.${random.int(0, 12)}.0` }), 3],
    [() => ({ attr: 'email', op: 'ends_with', value: `@${random.pick(['example.com', 'test.com', 'acme.io', 'uni.edu'])}` }), 2],
    [() => ({ attr: 'email', op: 'starts_with', value: random.pick(['anna', 'ben', 'maya', 'noah']) }), 1],
    [() => ({ attr: 'age', op: 'gte', value: random.int(18, 65) }), 2],
    [() => ({ attr: 'targetingKey', op: 'in', value: Array.from({ length: 20 }, () => `u-${random.int(0, 0xffffff).toString(16)}`) }), 1],
  ])();
}

function conditionOf(random: Random): Condition {
  const shape = random.weighted([['clause', 4], ['all', 4], ['any', 2]] as const);
  if (shape === 'clause') return clauseOf(random);
  if (shape === 'all') return { all: Array.from({ length: random.int(2, 3) }, () => clauseOf(random)) };
  return { any: [{ all: [clauseOf(random), clauseOf(random)] }, clauseOf(random)] };
}

/**
 * A varied typical flag: 0 to 3 rules, each serving a variant; the last may roll out instead
 * (a rollout only last, so a peer whose rollouts fall through to the next rule agrees with ours).
 */
export function typicalFlag(random: Random, key: string): FlagInput {
  const count = random.weighted([[0, 5], [1, 50], [2, 30], [3, 15]] as const);
  const rules: Rule[] = Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    const weight = random.int(1, 99);
    const serve: Rule['serve'] = last && random.chance(0.4)
      ? { rollout: { by: 'targetingKey', salt: key, algorithm: 1, whenUnitMissing: 'no_match', split: [{ variant: 'on', weight }, { variant: 'off', weight: 100 - weight }] } }
      : { variant: random.chance(0.8) ? 'on' : 'off' };
    return { id: `r${i}`, when: conditionOf(random), serve };
  });
  return { key, ...BOOLEAN, rules };
}

export function typicalFlags(count: number, seed: number): FlagInput[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => typicalFlag(random, `flag-${i}`));
}

export const WORKLOADS: Readonly<Record<WorkloadName, () => Workload>> = {
  W1: () => ({ name: 'W1', description: '(country in 5 AND plan == pro AND appVersion >= 2.3.0) OR email ends with @example.com, then a 30% rollout', flags: [W1_FLAG] }),
  W2: () => ({ name: 'W2', description: 'all of 1,000 varied typical flags for one user per call', flags: typicalFlags(1000, 7) }),
  W3: () => ({ name: 'W3', description: `email matches ${W3_PATTERN}`, flags: [W3_FLAG] }),
};
