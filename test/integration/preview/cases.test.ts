// The specs as data (test/cases/*.json) through the preview function over HTTP: every case's
// user, previewed with its flag, segments and flags as drafts, gets the expected result.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { checkContext } from '../../../shared/rules/index.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

type Case = { name: string; flag: { key: string }; segments?: Record<string, unknown>; flags?: Record<string, unknown>; context: unknown; now: string; expected: Record<string, unknown> & { reason: string; errorCode?: string } };

const DIR = new URL('../../cases/', import.meta.url);
const FIELDS = ['reason', 'variant', 'ruleId', 'bucket', 'errorCode', 'cause', 'experimentId'] as const;

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('preview: test/cases/*.json over HTTP', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('preview-cases', createPreviewFunction(demoDeps()));
  });
  after(() => fn.close());

  it('finds case files to run', () => assert.ok(files.length > 0));

  for (const file of files) {
    describe(file, () => {
      const cases = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Case[];
      for (const c of cases) {
        it(c.name, async () => {
          const body = {
            flag: c.flag,
            ...(c.segments ? { segments: Object.values(c.segments) } : {}),
            ...(c.flags ? { flags: Object.values(c.flags) } : {}),
            users: [c.context],
            now: new Date(c.now).toISOString(),
          };
          const res = await fn.post('/v1/rules/preview', body);
          const answer = (await res.json()) as { results?: Record<string, unknown>[]; code?: string };
          if (c.expected.errorCode === 'PARSE_ERROR') {
            // A flag that does not compile is refused as a whole: there is no result to preview.
            assert.deepEqual([res.status, answer.code], [422, 'INVALID_FLAG']);
            return;
          }
          assert.equal(res.status, 200, JSON.stringify(answer));
          const result = answer.results![0]!;
          if (c.context !== null && typeof c.context === 'object' && !Array.isArray(c.context) && checkContext(c.context).length > 0) {
            // Past the context limits (a 5 KB attribute), the edge refuses the user as evaluate would.
            assert.deepEqual([result.reason, result.errorCode], ['ERROR', 'INVALID_CONTEXT']);
            return;
          }
          const observed: Record<string, unknown> = {};
          for (const key of FIELDS) if (result[key] !== undefined) observed[key] = result[key];
          if ('value' in c.expected) observed.value = result.value;
          assert.deepEqual(observed, c.expected, JSON.stringify(result));
        });
      }
    });
  }
});
