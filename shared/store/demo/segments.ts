// Demo segments and the demo attribute catalogue.

import type { AttributeDefinition, Segment } from '../../rules/index.ts';

export const DEMO_SEGMENTS: readonly Segment[] = [
  { key: 'staff', name: 'Staff', description: 'Employees, by email domain', when: { attr: 'email', op: 'ends_with', value: '@acme.com', caseInsensitive: true } },
  { key: 'beta-testers', name: 'Beta testers', when: { any: [{ attr: 'targetingKey', op: 'in', value: ['user-1', 'user-2', 'user-3'] }, { segment: 'staff' }] } },
];

export const DEMO_ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: 'plan', type: 'string', description: 'Subscription plan', allowedValues: ['free', 'pro', 'enterprise'] },
  { name: 'email', type: 'string', description: 'Email address (private by default in traces you configure)' },
  { name: 'company', type: 'string', description: 'Company name' },
  { name: 'hostname', type: 'string', description: 'Host the app runs on' },
  { name: 'appVersion', type: 'semver', description: 'Client app version (SemVer 2.0.0)' },
  { name: 'seats', type: 'number', description: 'Paid seats in the account' },
  { name: 'signupDate', type: 'date', description: 'When the account was created (RFC 3339)' },
  { name: 'roles', type: 'array', description: 'Roles of the user' },
  { name: 'projects', type: 'array', description: 'Projects the user belongs to' },
  { name: 'storeId', type: 'string', description: 'Preferred store' },
  { name: 'optOut', type: 'boolean', description: 'The user opted out of location features' },
];
