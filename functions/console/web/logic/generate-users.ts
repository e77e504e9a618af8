// Synthetic test users for the preview: varied over the attributes rules usually read, from a
// seeded generator so the same count gives the same users (a preview can be repeated).

const PLANS = ['free', 'pro', 'enterprise'];
const COUNTRIES = ['US', 'DE', 'FR', 'NL', 'GB', 'CA', 'BR', 'IN', 'JP', 'AU'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge', 'Mobile Safari'];
const ROLES = ['viewer', 'editor', 'reviewer', 'admin', 'owner'];

/** mulberry32: a small, well-mixed 32-bit generator; enough for test data, not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateUsers(count: number, seed = 42): Record<string, unknown>[] {
  const random = seededRandom(seed);
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
