// The demo environment written into a store that does not have it yet: what `npm start` on
// Firestore (SWITCHYARD_STORE=firestore) serves on its first run. A store that already holds the
// environment is left untouched, so edits made through the console survive a restart.

import { DEMO_FLAGS } from './demo/flags.ts';
import { DEMO_ATTRIBUTES, DEMO_SEGMENTS } from './demo/segments.ts';
import type { AdminStores } from './ports.ts';

export async function seedDemoEnvironment(stores: AdminStores, environment: string, actor: string): Promise<'seeded' | 'present'> {
  const created = await stores.environments.create({ key: environment, name: 'Demo', description: 'Seeded by npm start' }, { actor });
  if (!created.ok) {
    if (created.reason === 'conflict') return 'present';
    throw new Error(`could not create the demo environment: ${JSON.stringify(created)}`);
  }
  const imported = await stores.imports.importDocuments(environment, { attributes: DEMO_ATTRIBUTES, segments: DEMO_SEGMENTS, flags: DEMO_FLAGS }, { ifMatch: created.environment.version, actor, comment: 'demo flags' });
  if (!imported.ok) throw new Error(`could not import the demo flags: ${JSON.stringify(imported)}`);
  return 'seeded';
}
