import assert from 'node:assert/strict';
import { configEtag, HEARTBEAT, refetchEvent, retryHint, versionOfEtag } from '../../../shared/streams/events.ts';

describe('change stream events', () => {
  it('names a configuration by its version, as a strong ETag', () => {
    assert.equal(configEtag(12), '"12"');
    assert.equal(versionOfEtag(configEtag(12)), 12);
  });

  it('reads the version a flagConfigEtag names, and nothing from anything else', () => {
    const table: [string, number | undefined][] = [
      ['"12"', 12],
      ['W/"12"', 12],
      ['12', 12],
      [' "12" ', 12],
      ['"0"', 0],
      ['"12-abc"', 12],
      ['W/"12-abc"', 12],
      ['"7-1v3kz0q2m8x4b"', 7],
      ['"999999999999999"', 999999999999999],
      // garbage
      ['', undefined],
      ['""', undefined],
      ['"abc"', undefined],
      ['W/""', undefined],
      ['"-1"', undefined],
      ['"1.5"', undefined],
      ['"1e3"', undefined],
      ['"12"x', undefined],
      ['"12', undefined],
      ['12"', undefined],
      ['"12-"', undefined],
      ['"12-ABC!"', undefined],
      ['w/"12"', undefined],
      ['"12", "13"', undefined],
      ['"1234567890123456"', undefined],
    ];
    for (const [etag, version] of table) assert.equal(versionOfEtag(etag), version, JSON.stringify(etag));
  });

  it('writes a change as a refetchEvaluation whose id is the version, with the etag and lastModified in seconds', () => {
    const text = refetchEvent(42, Date.parse('2026-11-23T12:00:00.999Z'));
    assert.ok(text.endsWith('\n\n'), 'an event ends with a blank line');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'id: 42');
    assert.equal(lines.length, 2);
    assert.ok(lines[1]!.startsWith('data: '));
    assert.deepEqual(JSON.parse(lines[1]!.slice('data: '.length)), { type: 'refetchEvaluation', etag: '"42"', lastModified: Date.parse('2026-11-23T12:00:00Z') / 1000 });
    assert.equal(versionOfEtag((JSON.parse(lines[1]!.slice(6)) as { etag: string }).etag), 42, 'the etag reads back as the version');
  });

  it('starts with a retry hint and keeps idle streams open with comments', () => {
    assert.equal(retryHint(1000), 'retry: 1000\n\n');
    assert.ok(HEARTBEAT.startsWith(':') && HEARTBEAT.endsWith('\n\n'), 'a comment line EventSource ignores');
  });
});
