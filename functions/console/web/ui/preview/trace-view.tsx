// Why one user got what they got: the user, then each rule evaluated and its clauses.

import type { PreviewResult } from '../../api/shapes.ts';
import { show } from './format.ts';

export function TraceView({ result, user }: { result: PreviewResult; user: Record<string, unknown> | undefined }) {
  const trace = result.trace ?? [];
  return (
    <section aria-labelledby="trace-title" class="trace">
      <h2 id="trace-title">{`Why user ${result.index + 1} got ${result.variant ?? result.reason}`}</h2>
      <pre class="mono small">{JSON.stringify(user, null, 1)}</pre>
      {trace.length === 0 ? <p>{'No rule was evaluated ('}{result.reason}).</p> : (
        <ol>
          {trace.map((t) => (
            <li>
              <strong>{t.ruleId ? `Rule ${t.ruleId}` : t.kind}</strong>
              {t.matched === undefined ? '' : t.matched ? ' matched' : ' did not match'}
              <ul>
                {(t.clauses ?? []).map((cl) => (
                  <li class={cl.result ? 'ok' : 'muted'}>
                    {cl.result ? '✓ ' : '✗ '}
                    <code>{`${cl.attr ?? ''} ${cl.op ?? cl.kind} ${show(cl.operand)}`}</code>
                    {` saw ${show(cl.seen)}`}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
