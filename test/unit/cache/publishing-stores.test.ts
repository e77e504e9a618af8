// The admin function's publishing stores announce what changed the environment and pass the rest
// through: an import preview reaches the store and announces nothing.

import assert from 'node:assert/strict';
import { publishingStores } from '../../../shared/cache/publishing-stores.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { aFlag } from '../../helpers/builders.ts';

describe('publishing stores', () => {
  const make = () => {
    const announced: string[] = [];
    const stores = publishingStores(createMemoryStore({ environments: { dev: { flags: [aFlag({ key: 'a' })] } }, keys: [] }), async (environment) => void announced.push(environment));
    return { stores, announced };
  };

  it('passes an import preview through to the store and announces nothing', async () => {
    const { stores, announced } = make();
    const preview = await stores.imports.previewImport('dev', { flags: [aFlag({ key: 'a' }), aFlag({ key: 'b' })] });
    assert.ok(preview.ok);
    assert.deepEqual(preview.changes.map((c) => `${c.key} ${c.change}`), ['a unchanged', 'b added']);
    assert.deepEqual(announced, []);
  });

  it('announces an import that was written', async () => {
    const { stores, announced } = make();
    const imported = await stores.imports.importDocuments('dev', { flags: [aFlag({ key: 'b' })] }, { actor: 'alice', ifMatch: 1 });
    assert.ok(imported.ok, JSON.stringify(imported));
    assert.deepEqual(announced, ['dev']);
  });
});
