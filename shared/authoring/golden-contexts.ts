// The contexts of a flag's golden tests, held to the limits an evaluation context has
// (shared/rules/context-limits.ts): a test is an evaluation, and a context the evaluate function
// would refuse must not be stored as one that passes.

import { checkContext, type Issue } from '../rules/index.ts';

/** Each test context's issues, at its path in the flag document (`/tests/2/context/email`). */
export function goldenContextIssues(doc: unknown): Issue[] {
  const tests = typeof doc === 'object' && doc !== null && 'tests' in doc && Array.isArray(doc.tests) ? (doc.tests as unknown[]) : [];
  return tests.flatMap((test, i) => {
    const context = typeof test === 'object' && test !== null && 'context' in test ? test.context : undefined;
    return context === undefined ? [] : checkContext(context).map((issue) => ({ ...issue, path: `/tests/${i}/context${issue.path}` }));
  });
}
