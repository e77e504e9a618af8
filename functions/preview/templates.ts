// The starter flags of `GET /v1/rules/templates`: each a valid draft (a test proves it) that the
// console copies and edits. Keys are placeholders to rename.

import type { FlagInput } from '../../shared/rules/index.ts';

export type Template = { readonly id: string; readonly title: string; readonly description: string; readonly flag: FlagInput };

const onOff = { variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

export const TEMPLATES: readonly Template[] = [
  {
    id: 'percentage-rollout',
    title: 'Percentage rollout',
    description: 'Turns a feature on for 10% of users, chosen by targetingKey; raise the weight to widen it without reshuffling anyone already in.',
    flag: { key: 'my-rollout', enabled: true, ...onOff, rules: [{ id: 'rollout', serve: { rollout: { by: 'targetingKey', split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } } }] },
  },
  {
    id: 'internal-users',
    title: 'Internal users',
    description: 'On for employees only, recognised by the domain of their email address (case-insensitive).',
    flag: { key: 'my-internal-feature', enabled: true, ...onOff, privateAttributes: ['email'], rules: [{ id: 'staff', when: { attr: 'email', op: 'ends_with', value: '@example.com', caseInsensitive: true }, serve: { variant: 'on' } }] },
  },
  {
    id: 'beta-countries',
    title: 'Beta country list',
    description: 'On in a few countries first, by the ISO country code derived from the request or sent by the client.',
    flag: { key: 'my-country-beta', enabled: true, ...onOff, rules: [{ id: 'beta-countries', when: { attr: 'geo.country', op: 'in', value: ['CA', 'IE', 'NZ'] }, serve: { variant: 'on' } }] },
  },
  {
    id: 'mobile-only',
    title: 'Mobile only',
    description: 'On for phones and tablets, by the device type derived from User-Agent and client hints.',
    flag: { key: 'my-mobile-feature', enabled: true, ...onOff, rules: [{ id: 'mobile', when: { attr: 'device.type', op: 'in', value: ['mobile', 'tablet'] }, serve: { variant: 'on' } }] },
  },
  {
    id: 'business-hours',
    title: 'Business hours',
    description: 'On from 09:00 to 17:00, Monday to Friday, in one time zone (daylight saving handled by the zone).',
    flag: { key: 'my-support-chat', enabled: true, ...onOff, rules: [{ id: 'office-hours', when: { op: 'time_window', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', tz: 'Europe/Berlin' } }, serve: { variant: 'on' } }] },
  },
  {
    id: 'new-users',
    title: 'New users',
    description: 'On for accounts created in the last 30 days, by the signupDate attribute (RFC 3339).',
    flag: { key: 'my-onboarding-tour', enabled: true, ...onOff, rules: [{ id: 'new-users', when: { attr: 'signupDate', op: 'after', value: 'now-30d' }, serve: { variant: 'on' } }] },
  },
  {
    id: 'app-version',
    title: 'Minimum app version',
    description: 'On for clients at version 2.0.0 or later (SemVer 2.0.0 precedence; pre-releases sort before their release).',
    flag: { key: 'my-versioned-feature', enabled: true, ...onOff, rules: [{ id: 'modern-clients', when: { attr: 'appVersion', op: 'semver_gte', value: '2.0.0' }, serve: { variant: 'on' } }] },
  },
  {
    id: 'plan-tier',
    title: 'Paid plans',
    description: 'On for the pro and enterprise plans.',
    flag: { key: 'my-paid-feature', enabled: true, ...onOff, rules: [{ id: 'paid', when: { attr: 'plan', op: 'in', value: ['pro', 'enterprise'] }, serve: { variant: 'on' } }] },
  },
  {
    id: 'ab-experiment',
    title: 'A/B experiment',
    description: 'Splits users 50/50 between two variants and records each assignment as an exposure of the experiment.',
    flag: {
      key: 'my-experiment', enabled: true, variants: { control: 'control', treatment: 'treatment' }, offVariant: 'control', defaultVariant: 'control',
      rules: [{ id: 'experiment', serve: { rollout: { by: 'targetingKey', split: [{ variant: 'control', weight: 50 }, { variant: 'treatment', weight: 50 }], experiment: { id: 'my-experiment' } } } }],
    },
  },
  {
    id: 'kill-switch',
    title: 'Kill switch',
    description: 'On for everyone while enabled; set enabled to false to turn the feature off everywhere at once.',
    flag: { key: 'my-kill-switch', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'on' },
  },
];
