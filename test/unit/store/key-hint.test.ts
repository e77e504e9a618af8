// Key hints reveal little of a key: the kind prefix and at most the last 4 characters of the
// rest, never more than a quarter of it, whatever the key's length (issued, adopted or seeded).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hintOf, issueKey } from '../../../shared/store/key-plan.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';

const revealed = (hint: string) => hint.slice(hint.indexOf('…') + 1);
const PREFIXES = ['', 'sy_sdk_', 'sy_admin_'];

describe('key hints', () => {
  it('shows the kind prefix and at most min(4, a quarter of the secret part) of its end, for every length', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), fc.string({ minLength: 0, maxLength: 80 }), (prefix, rest) => {
        const hint = hintOf(prefix + rest);
        assert.ok(hint.startsWith(`${prefix}…`), hint);
        const shown = revealed(hint);
        assert.ok(shown.length <= 4 && shown.length <= rest.length / 4, `${hint} shows ${shown.length} of ${rest.length}`);
        assert.ok(rest.endsWith(shown));
      }),
      { numRuns: 500 },
    );
  });

  for (const [secret, hint] of [
    ['local-sdk-key-01', '…y-01'],
    ['sy_sdk_abcdefghijklmnopqrstuvwxyz012345', 'sy_sdk_…2345'],
    ['sy_admin_abcdefgh', 'sy_admin_…gh'],
    ['short-key', '…ey'],
    ['abc', '…'],
  ] as const) {
    it(`hintOf(${JSON.stringify(secret)}) -> ${JSON.stringify(hint)}`, () => assert.equal(hintOf(secret), hint));
  }

  it('is what issued and seeded keys carry', async () => {
    const issued = issueKey({ kind: 'sdk', environment: 'dev', name: 'n' }, { actor: 'a' }, 0, { id: () => 'key_1', secret: () => 'sy_sdk_0123456789abcdef0123456789ab' });
    assert.equal(issued.stored.hint, 'sy_sdk_…89ab');
    const store = createMemoryStore({ environments: { dev: { flags: [] } }, keys: [{ kind: 'admin', name: 'a', role: 'admin', secret: 'local-admin-key-001' }] });
    const [seeded] = await store.apiKeys.list({});
    assert.equal(seeded?.hint, '…-001');
  });
});
