// Synthetic test users for the preview: varied over the attributes rules usually read, from a
// seeded generator so the same count gives the same users (a preview can be repeated).

import { mulberry32 } from '../../../../shared/seeded-random.ts';

const PLANS = ['free', 'pro', 'enterprise'];
const COUNTRIES = ['US', 'DE', 'FR', 'NL', 'GB', 'CA', 'BR', 'IN', 'JP', 'AU'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge', 'Mobile Safari'];
const ROLES = ['viewer', 'editor', 'reviewer', 'admin', 'owner'];

export function generateUsers(count: number, seed = 42): Record<string, unknown>[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    targetingKey: `user-${i + 1}`,
    plan: pick(PLANS),
    seats: 1 + Math.floor(random() * 200),
    email: `person${i + 1}@${random() < 0.1 ? 'example.com' : 'mail.test'}`,
    appVersion: `2.${Math.floor(random() * 6)}.${Math.floor(random() * 10)}`,
    roles: ROLES.filter(() => random() < 0.3),
    geo: { country: pick(COUNTRIES) },
    device: { type: pick(DEVICES) },
    browser: { name: pick(BROWSERS) },
  }));
}
