// An import's dry run in words: each document added, changed (its diff as history words it) or
// unchanged, the stored document recovered from the file's and the diff, golden failures named by flag.

import assert from 'node:assert/strict';
import { countsLine, documentBefore, goldenPlace, previewLines } from '../../../functions/console/web/logic/import-preview.ts';

const flag = (key: string, extra: Record<string, unknown> = {}) => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', ...extra });

describe('console import preview', () => {
  it('recovers the stored document from the imported one and the diff, array items added or removed included', () => {
    const tags = ['x', 'y', 'z'];
    const after = flag('a', { tags, rules: [{ id: 'eu', serve: { variant: 'on' } }] });
    const diff = [
      { path: '/enabled', before: false, after: true },
      { path: '/tags/1', before: 'w', after: 'y' },
      { path: '/tags/2', after: 'z' },
      { path: '/rules/0/serve/variant', before: 'off', after: 'on' },
      { path: '/description', before: 'old' },
    ];
    assert.deepEqual(documentBefore(after, diff), flag('a', { enabled: false, tags: ['x', 'w'], rules: [{ id: 'eu', serve: { variant: 'off' } }], description: 'old' }));
    assert.deepEqual(tags, ['x', 'y', 'z'], 'the imported document is left as it was');
  });

  it('says each document\'s change in words, in the order sent', () => {
    const body = { flags: [flag('new-one'), flag('on-now'), flag('same')] };
    const lines = previewLines([
      { kind: 'flags', key: 'new-one', change: 'added' },
      { kind: 'flags', key: 'on-now', change: 'changed', version: 3, diff: [{ path: '/enabled', before: false, after: true }] },
      { kind: 'flags', key: 'same', change: 'unchanged', version: 1 },
    ], body);
    assert.deepEqual(lines, [
      { kind: 'Flag', key: 'new-one', change: 'added', words: [] },
      { kind: 'Flag', key: 'on-now', change: 'changed', version: 3, words: ['Turned on (rules decide)'] },
      { kind: 'Flag', key: 'same', change: 'unchanged', version: 1, words: [] },
    ]);
  });

  it('reads a changed condition against the stored one, not against nothing', () => {
    const after = flag('eu', { rules: [{ id: 'eu', when: { attr: 'geo.country', op: 'in', value: ['DE', 'FR'] }, serve: { variant: 'on' } }] });
    const [line] = previewLines([{ kind: 'flags', key: 'eu', change: 'changed', version: 2, diff: [{ path: '/rules/0/when/value/1', after: 'FR' }] }], { flags: [after] });
    assert.deepEqual(line?.words, ['Rule eu: when geo.country is one of DE -> when geo.country is one of DE, FR']);
  });

  it('counts in one line and names a golden failure by its flag', () => {
    assert.equal(countsLine({ added: 2, changed: 1, unchanged: 3 }), '2 added, 1 changed, 3 unchanged');
    assert.equal(goldenPlace('/flags/1/tests/0', { flags: [flag('a'), flag('b')] }), 'flag b, test 1');
  });
});
