// Runs the specs-as-data of test/cases/*.json through both evaluators: compileFlag + evaluate, and
// the reference interpreter. A flag that does not compile counts as ERROR with PARSE_ERROR.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { compileFlag, evaluate, interpret, type Evaluation, type Flag, type FlagInput, type Segment } from '../../../shared/rules/index.ts';

/** One case of test/cases/*.json (the format is described in shared/rules/README.md). */
export type Case = {
  readonly name: string;
  readonly flag: FlagInput;
  readonly segments?: Record<string, Segment>;
  readonly flags?: Record<string, Flag>;
  readonly context: unknown;
  /** RFC 3339. */
  readonly now: string;
  readonly expected: Expected;
};

type Expected = {
  readonly reason: Evaluation['reason'];
  readonly variant?: string;
  readonly value?: unknown;
  readonly ruleId?: string;
  readonly bucket?: number;
  readonly errorCode?: string;
  readonly cause?: string;
  readonly experimentId?: string;
};

/** Compared whenever either side has them; `value` only when the case gives it. */
const STRICT_FIELDS = ['reason', 'variant', 'ruleId', 'bucket', 'errorCode', 'cause', 'experimentId'] as const;

const DIR = new URL('../../cases/', import.meta.url);

export function loadCases(): { file: string; cases: Case[] }[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, cases: JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Case[] }));
}

function observed(result: Evaluation, expected: Expected): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = result as Record<string, unknown>;
  for (const key of STRICT_FIELDS) if (fields[key] !== undefined) out[key] = fields[key];
  if ('value' in expected && 'value' in result) out.value = result.value;
  return out;
}

function compiledResult(c: Case, now: number): Evaluation {
  const scope = { ...(c.segments ? { segments: c.segments } : {}), ...(c.flags ? { flags: c.flags } : {}) };
  const compiled = compileFlag(c.flag, scope);
  if (!compiled.ok) return { reason: 'ERROR', flagKey: c.flag.key, errorCode: 'PARSE_ERROR', errorMessage: compiled.errors.map((e) => `${e.path} ${e.message}`).join('; ') };
  return evaluate(compiled.flag, c.context, { now });
}

describe('cases (test/cases/*.json)', () => {
  const files = loadCases();

  it('has cases in every file, each with a unique name and the fields of the format', () => {
    assert.ok(files.length >= 13);
    for (const { file, cases } of files) {
      assert.ok(Array.isArray(cases) && cases.length > 0, `${file} holds no cases`);
      const names = new Set<string>();
      for (const c of cases) {
        assert.deepEqual(Object.keys(c).filter((k) => !['name', 'flag', 'segments', 'flags', 'context', 'now', 'expected'].includes(k)), [], `${file}: ${c.name}`);
        assert.ok(!names.has(c.name), `${file}: "${c.name}" appears twice`);
        names.add(c.name);
        assert.ok(Number.isFinite(Date.parse(c.now)), `${file}: ${c.name}: now is not RFC 3339`);
      }
    }
  });

  for (const { file, cases } of files) {
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          const now = Date.parse(c.now);
          const expected: Record<string, unknown> = { ...c.expected };
          const compiled = compiledResult(c, now);
          assert.deepEqual(observed(compiled, c.expected), expected, `compiled: ${JSON.stringify(compiled)}`);
          const interpreted = interpret(c.flag, c.context, { now, ...(c.segments ? { segments: c.segments } : {}), ...(c.flags ? { flags: c.flags } : {}) });
          assert.deepEqual(observed(interpreted, c.expected), expected, `interpreted: ${JSON.stringify(interpreted)}`);
        });
      }
    });
  }
});
