// Golden tests stored on a flag (`tests: [{ name?, context, now?, expect: { variant } }]`), run
// on every save the way the evaluate function would answer: the context enriched with the time
// attributes of `now` (the test's own, else the time of the save), then evaluated.

import { enrichContext } from '../context/index.ts';
import { compileFlag, evaluate, type Context, type Flag, type JsonValue, type Segment } from '../rules/index.ts';

export type GoldenFailure = {
  readonly index: number;
  readonly name?: string;
  readonly context: Readonly<Record<string, JsonValue>>;
  readonly expected: string;
  /** The variant served, or null when evaluation failed. */
  readonly got: string | null;
  /** The evaluation's reason (`TARGETING_MATCH rule "pro"`, `ERROR TYPE_MISMATCH: …`). */
  readonly reason: string;
};

export type References = { readonly segments: Readonly<Record<string, Segment>>; readonly flags: Readonly<Record<string, Flag>> };

const instant = (value: string | number | undefined, fallback: number) =>
  value === undefined ? fallback : typeof value === 'number' ? value : Date.parse(value);

/** The failing cases of a valid flag; a flag that does not compile has none here (validation reports it). */
export function runGoldenTests(flag: Flag, references: References, now: number): GoldenFailure[] {
  const tests = flag.tests ?? [];
  if (tests.length === 0) return [];
  const compiled = compileFlag(flag, references);
  if (!compiled.ok) return [];
  return tests.flatMap((test, index): GoldenFailure[] => {
    const at = instant(test.now, now);
    const context = enrichContext(test.context as Context, { headers: {} }, { now: at });
    const result = evaluate(compiled.flag, context, { now: at });
    const got = result.reason === 'ERROR' ? null : result.variant;
    if (got === test.expect.variant) return [];
    const reason =
      result.reason === 'ERROR' ? `ERROR ${result.errorCode}: ${result.errorMessage}`
      : 'ruleId' in result ? `${result.reason} rule "${result.ruleId}"`
      : result.reason;
    return [{ index, ...(test.name === undefined ? {} : { name: test.name }), context: test.context, expected: test.expect.variant, got, reason }];
  });
}
