// Demo flags for the embedded store: every operator family appears at least once, so a fresh
// `npm start` shows what the rule language can do.

import type { FlagInput } from '../../rules/index.ts';

const onOff = { variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

export const DEMO_FLAGS: readonly FlagInput[] = [
  {
    key: 'new-checkout',
    name: 'New checkout',
    description: 'The redesigned checkout: EU pro customers and staff first, then a 30% experiment.',
    tags: ['checkout', 'experiment'],
    owner: 'payments',
    enabled: true,
    ...onOff,
    rules: [
      { id: 'eu-pros', when: { all: [{ attr: 'geo.country', op: 'in', value: ['DE', 'FR', 'NL'] }, { attr: 'plan', op: 'eq', value: 'pro' }] }, serve: { variant: 'on' } },
      { id: 'staff', when: { segment: 'staff' }, serve: { variant: 'on' } },
      {
        id: 'ramp',
        when: { attr: 'appVersion', op: 'semver_gte', value: '2.3.0' },
        serve: { rollout: { by: 'targetingKey', salt: 'new-checkout', split: [{ variant: 'on', weight: 30 }, { variant: 'off', weight: 70 }], experiment: { id: 'checkout-2026' } } },
      },
    ],
    metadata: { team: 'payments' },
  },
  {
    key: 'welcome-banner',
    clientVisible: true,
    name: 'Welcome banner text',
    tags: ['marketing'],
    enabled: true,
    variants: { partner: 'Welcome, partner!', student: 'Student discount inside', internal: 'Hello, colleague', generic: 'Welcome!' },
    offVariant: 'generic',
    defaultVariant: 'generic',
    rules: [
      { id: 'partners', when: { attr: 'email', op: 'matches', value: '^[a-z0-9._%+-]+@(partner|reseller)\\.example$', caseInsensitive: true }, serve: { variant: 'partner' } },
      { id: 'students', when: { any: [{ attr: 'email', op: 'ends_with', value: '.edu' }, { attr: 'company', op: 'contains', value: 'university', caseInsensitive: true }] }, serve: { variant: 'student' } },
      { id: 'internal', when: { attr: 'hostname', op: 'starts_with', value: 'intranet.' }, serve: { variant: 'internal' } },
    ],
  },
  {
    key: 'max-upload-mb',
    name: 'Upload size limit (MB)',
    tags: ['limits'],
    enabled: true,
    variants: { small: 10, medium: 100, large: 1000 },
    offVariant: 'small',
    defaultVariant: 'small',
    rules: [
      { id: 'enterprise', when: { attr: 'seats', op: 'gte', value: 100 }, serve: { variant: 'large' } },
      { id: 'teams', when: { attr: 'seats', op: 'between', value: [5, 99] }, serve: { variant: 'medium' } },
    ],
  },
  {
    key: 'pricing-page',
    name: 'Pricing page layout',
    tags: ['growth'],
    enabled: true,
    variants: {
      classic: { layout: 'classic', showAnnual: false },
      compact: { layout: 'compact', showAnnual: true, highlight: 'pro' },
    },
    offVariant: 'classic',
    defaultVariant: 'classic',
    rules: [
      { id: 'new-users-office-hours', when: { all: [{ attr: 'signupDate', op: 'after', value: 'now-30d' }, { op: 'time_window', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', tz: 'Europe/Berlin' } }] }, serve: { variant: 'compact' } },
      { id: 'spring-campaign', when: { attr: 'signupDate', op: 'between_dates', value: ['2026-03-01T00:00:00Z', '2026-05-31T23:59:59Z'] }, serve: { variant: 'compact' } },
      { id: 'legacy-accounts', when: { attr: 'signupDate', op: 'before', value: '2020-01-01T00:00:00Z' }, serve: { variant: 'classic' } },
    ],
  },
  {
    key: 'beta-features',
    clientVisible: true,
    name: 'Beta features for power users',
    tags: ['beta'],
    enabled: true,
    ...onOff,
    rules: [
      { id: 'testers', when: { segment: 'beta-testers' }, serve: { variant: 'on' } },
      { id: 'admins', when: { all: [{ attr: 'roles', op: 'contains_any', value: ['admin', 'owner'] }, { attr: 'roles', op: 'contains_none', value: ['suspended'] }] }, serve: { variant: 'on' } },
      { id: 'power-users', when: { all: [{ attr: 'roles', op: 'contains_all', value: ['editor', 'reviewer'] }, { attr: 'projects', op: 'size_gt', value: 3 }] }, serve: { variant: 'on' } },
      { id: 'not-blocked-regions', when: { not: { attr: 'geo.country', op: 'not_in', value: ['DE', 'AT', 'CH', 'US', 'CA'] } }, serve: { rollout: { split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } } },
    ],
  },
  {
    key: 'store-locator',
    name: 'Store locator near Berlin',
    tags: ['retail'],
    enabled: true,
    ...onOff,
    rules: [
      { id: 'near-berlin', when: { all: [{ attr: 'geo', op: 'within_radius', value: { lat: 52.52, lon: 13.405, km: 50 } }, { attr: 'optOut', op: 'not_exists' }] }, serve: { variant: 'on' } },
      { id: 'explicit-location', when: { attr: 'storeId', op: 'exists' }, serve: { variant: 'on' } },
    ],
  },
  {
    key: 'search-v2',
    name: 'Search v2 (mobile rollout)',
    tags: ['search'],
    enabled: true,
    ...onOff,
    prerequisites: [{ flag: 'new-checkout', variant: 'on' }],
    rules: [
      { id: 'mobile-quarter', when: { all: [{ attr: 'device.type', op: 'in', value: ['mobile', 'tablet'] }, { attr: 'targetingKey', op: 'in_rollout', value: { salt: 'search-v2', percent: 25 } }] }, serve: { variant: 'on' } },
      { id: 'old-app', when: { attr: 'appVersion', op: 'semver_lt', value: '2.0.0' }, serve: { variant: 'off' } },
    ],
  },
  {
    key: 'maintenance-mode',
    name: 'Maintenance mode (kill switch)',
    tags: ['ops'],
    enabled: false,
    ...onOff,
    rules: [{ id: 'everyone', serve: { variant: 'on' } }],
  },
  {
    key: 'holiday-theme',
    clientVisible: true,
    name: 'Holiday theme',
    tags: ['seasonal'],
    enabled: true,
    variants: { festive: 'festive', plain: 'plain' },
    offVariant: 'plain',
    defaultVariant: 'festive',
    schedule: { from: '2026-12-01T00:00:00+01:00', until: '2027-01-07T00:00:00+01:00' },
  },
  {
    key: 'dark-mode',
    clientVisible: true,
    name: 'Dark mode default',
    tags: ['ui'],
    enabled: true,
    variants: { dark: 'dark', light: 'light' },
    offVariant: 'light',
    defaultVariant: 'dark',
  },
  {
    key: 'loyal-customer-offer',
    name: 'Offer for frequent buyers',
    tags: ['growth', 'behavioural'],
    enabled: true,
    ...onOff,
    rules: [{ id: 'frequent', when: { all: [{ attr: 'behavior.purchase.count_30d', op: 'gte', value: 3 }, { attr: 'plan', op: 'neq', value: 'enterprise' }] }, serve: { variant: 'on' } }],
  },
];
