// The benchmark's audience: varied users (countries, plans, app versions, emails, ages) from a
// seeded generator, flat attributes that every engine reads the same way.

import { seeded, type Random } from './random.ts';

export type User = {
  readonly targetingKey: string;
  readonly email: string;
  readonly country: string;
  readonly plan: string;
  readonly appVersion: string;
  readonly age: number;
};

export const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 25], ['DE', 10], ['IN', 10], ['FR', 8], ['GB', 8], ['BR', 6], ['NL', 5], ['JP', 5],
  ['CA', 5], ['AU', 4], ['ES', 4], ['IT', 4], ['PL', 3], ['SE', 3],
];
export const PLANS: readonly (readonly [string, number])[] = [['free', 50], ['pro', 30], ['team', 12], ['enterprise', 8]];
export const DOMAINS: readonly (readonly [string, number])[] = [
  ['example.com', 8], ['test.com', 5], ['gmail.com', 30], ['yahoo.com', 10], ['outlook.com', 12], ['acme.io', 6],
  ['corp.example.org', 5], ['mail.example.com', 3], ['example.com.evil.net', 2], ['proton.me', 5], ['EXAMPLE.COM', 2],
  ['uni.edu', 6], ['web.de', 6],
];
const NAMES = ['anna', 'ben', 'chloe', 'dev', 'emma', 'felix', 'grace', 'hiro', 'ines', 'jonas', 'kai', 'lena', 'maya', 'noah', 'omar', 'priya'];

function emailOf(random: Random): string {
  const name = random.pick(NAMES);
  const local = random.weighted<string>([
    [name, 3],
    [`${name}.${random.pick(NAMES)}`, 3],
    [`${name}${random.int(1, 9999)}`, 3],
    [`${name}+news`, 1],
    [`${name.toUpperCase()}_${random.int(1, 99)}`, 1],
  ]);
  return `${local}@${random.weighted(DOMAINS)}`;
}

function versionOf(random: Random): string {
  const core = `${random.weighted([[1, 25], [2, 60], [3, 15]])}.${random.int(0, 12)}.${random.int(0, 9)}`;
  const pre = random.chance(0.08) ? `-beta.${random.int(1, 5)}` : '';
  return `${random.chance(0.05) ? 'v' : ''}${core}${pre}`;
}

export function makeUsers(count: number, seed = 2026): User[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => ({
    targetingKey: `u-${random.int(0, 0xffffff).toString(16).padStart(6, '0')}${random.int(0, 0xffffff).toString(16).padStart(6, '0')}`,
    email: emailOf(random),
    country: random.weighted(COUNTRIES),
    plan: random.weighted(PLANS),
    appVersion: versionOf(random),
    age: random.int(13, 80),
  }));
}
