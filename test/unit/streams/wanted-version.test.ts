import assert from 'node:assert/strict';
import { wantedOf } from '../../../functions/evaluate/wanted-version.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';

const NOW = Date.parse('2026-11-23T12:00:30.250Z');
const request = (query: Record<string, string | string[]>) => ({ query, headers: {} }) as unknown as HttpRequest;
const wanted = (query: Record<string, string | string[]>, now = NOW) => wantedOf(request(query), now);

describe('the version a re-fetch wants (flagConfigEtag, flagConfigLastModified)', () => {
  it('wants nothing in particular from a plain bulk request', () => {
    assert.deepEqual(wanted({}), { ok: true, wanted: undefined });
  });

  it('wants at least the version a notice\'s etag names, or a bulk answer\'s ETag', () => {
    assert.deepEqual(wanted({ flagConfigEtag: '"12"' }), { ok: true, wanted: { atLeast: 12 } });
    assert.deepEqual(wanted({ flagConfigEtag: 'W/"12-3f9a0k"' }), { ok: true, wanted: { atLeast: 12 } });
  });

  it('wants a confirmation begun after the second a notice\'s lastModified names, never one after now', () => {
    const second = Date.parse('2026-11-23T12:00:10Z');
    assert.deepEqual(wanted({ flagConfigLastModified: String(second / 1000) }), { ok: true, wanted: { confirmedAfter: second + 1000 } });
    assert.deepEqual(wanted({ flagConfigLastModified: '2026-11-23T12:00:10.700Z' }), { ok: true, wanted: { confirmedAfter: second + 1000 } });
    assert.deepEqual(wanted({ flagConfigLastModified: '2026-11-23T13:00:10+01:00' }), { ok: true, wanted: { confirmedAfter: second + 1000 } });
    // A notice from a clock ahead of this one: a confirmation that begins now is after it anyway.
    assert.deepEqual(wanted({ flagConfigLastModified: String(Math.floor(NOW / 1000) + 3600) }), { ok: true, wanted: { confirmedAfter: NOW } });
    assert.deepEqual(wanted({ flagConfigLastModified: '2026-11-23T12:00:30Z' }), { ok: true, wanted: { confirmedAfter: NOW } });
  });

  it('wants both when a notice gave both', () => {
    assert.deepEqual(wanted({ flagConfigEtag: '"3"', flagConfigLastModified: '1795435200' }), { ok: true, wanted: { atLeast: 3, confirmedAfter: 1795435201000 } });
  });

  it('refuses hints it cannot read with INVALID_QUERY naming the parameter', () => {
    const table: [Record<string, string | string[]>, string][] = [
      [{ flagConfigEtag: 'abc' }, '?flagConfigEtag'],
      [{ flagConfigEtag: '' }, '?flagConfigEtag'],
      [{ flagConfigEtag: '"-4"' }, '?flagConfigEtag'],
      [{ flagConfigLastModified: 'yesterday' }, '?flagConfigLastModified'],
      [{ flagConfigLastModified: '' }, '?flagConfigLastModified'],
      [{ flagConfigLastModified: '1795435200.5' }, '?flagConfigLastModified'],
      [{ flagConfigLastModified: '2026-13-45T99:00:00Z' }, '?flagConfigLastModified'],
      [{ flagConfigLastModified: '23 Nov 2026 12:00:00 GMT' }, '?flagConfigLastModified'],
      [{ flagConfigEtag: '"1"', flagConfigLastModified: 'soon' }, '?flagConfigLastModified'],
      [{ flagConfigEtag: ['"1"', '"2"'] }, '?flagConfigEtag'],
      [{ flagConfigLastModified: ['1', '2'] }, '?flagConfigLastModified'],
    ];
    for (const [query, path] of table) {
      const result = wanted(query);
      assert.equal(result.ok, false, JSON.stringify(query));
      if (result.ok) continue;
      assert.equal(result.problem.code, 'INVALID_QUERY', JSON.stringify(query));
      assert.equal(result.problem.status, 400);
      assert.equal(result.problem.errors[0]?.path, path, JSON.stringify(query));
    }
  });
});
