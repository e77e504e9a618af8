// Preview: test users pasted (CSV, JSON, JSON lines) or generated, run against the draft by the
// preview API; value, variant and reason per user (100 per page), the per-clause trace of the
// one chosen, and the rollout calculator (expected users per variant for an audience).

import { useState } from 'preact/hooks';
import { EstimateShape, PreviewShape, type EstimateAnswer, type PreviewAnswer, type PreviewResult } from '../api/shapes.ts';
import { parseUsers } from '../logic/csv-users.ts';
import { generateUsers } from '../logic/generate-users.ts';
import { client } from './app-state.ts';
import { valueOf } from './dom.tsx';
import type { Editor } from './editor-state.ts';

const PAGE = 100;
/** One clock for a preview and the traces asked of it, so a trace explains the row it sits next to. */
const previewNow = () => new Date().toISOString();
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const show = (v: unknown) => (v === undefined ? '–' : JSON.stringify(v));

export function PreviewPanel({ editor }: { editor: Editor }) {
  const [text, setText] = useState('targetingKey,plan,geo.country,appVersion\nu1,pro,DE,2.4.0\nu2,free,US,2.1.0');
  const [count, setCount] = useState(1000);
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const [users, setUsers] = useState<Record<string, unknown>[]>([]);
  const [page, setPage] = useState(0);
  const [chosen, setChosen] = useState<number | null>(null);
  const [trace, setTrace] = useState<PreviewResult | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [audience, setAudience] = useState(50000);
  const [estimate, setEstimate] = useState<EstimateAnswer | null>(null);
  const c = client.value!;
  const env = `?environment=${encodeURIComponent(editor.environment)}`;

  const run = async (list: Record<string, unknown>[]) => {
    try {
      performance.mark('preview-start');
      // Without traces: a thousand traces are megabytes; one user's trace is fetched when asked for.
      const result = await c.call('preview', `/v1/rules/preview${env}`, PreviewShape, { body: { flag: editor.draft.value, users: list, now: previewNow(), trace: false } });
      setUsers(list);
      setAnswer(result);
      setPage(0);
      setChosen(null);
      setTrace(null);
      setProblems([]);
    } catch (err) {
      setProblems([(err as Error).message]);
    }
  };
  const explain = async (index: number) => {
    setChosen(index);
    setTrace(null);
    try {
      const one = await c.call('preview', `/v1/rules/preview${env}`, PreviewShape, { body: { flag: editor.draft.value, users: [users[index]], now: answer?.now, trace: true } });
      setTrace({ ...one.results[0]!, index });
    } catch (err) {
      setProblems([(err as Error).message]);
    }
  };
  const fromText = () => {
    const parsed = parseUsers(text);
    if (parsed.errors.length > 0 || parsed.users.length === 0) return setProblems(parsed.errors.length ? parsed.errors : ['no users: paste CSV with a header row, a JSON array, or JSON lines']);
    void run(parsed.users);
  };
  const calculate = async () => {
    try {
      setEstimate(await c.call('preview', `/v1/rules/rollout-estimate${env}`, EstimateShape, { body: { flag: editor.draft.value, audience, ...(users.length ? { sampleUsers: users.slice(0, 10000) } : {}) } }));
    } catch (err) {
      setProblems([(err as Error).message]);
    }
  };

  const results = answer?.results ?? [];
  const pageRows = results.slice(page * PAGE, (page + 1) * PAGE);
  const picked = chosen === null ? undefined : trace ?? undefined;
  return (
    <div class="preview">
      <section aria-labelledby="users-title">
        <h2 id="users-title">Test users</h2>
        <label for="preview-users">Paste CSV (header row of attribute paths), a JSON array or JSON lines</label>
        <textarea id="preview-users" rows={5} class="mono" value={text} onInput={(e: Event) => setText(valueOf(e))} />
        <div class="actions">
          <button type="button" class="primary" onClick={fromText}>Preview these users</button>
          <label for="generate-count">or generate</label>
          <input id="generate-count" type="number" min={1} max={10000} class="narrow" value={count} onInput={(e: Event) => setCount(Number(valueOf(e)))} />
          <button type="button" id="generate-users" onClick={() => run(generateUsers(Math.max(1, Math.min(10000, count))))}>
            Generate and preview
          </button>
        </div>
        {problems.length ? <ul class="error" role="alert">{problems.map((p) => <li>{p}</li>)}</ul> : null}
      </section>
      {answer ? <section aria-labelledby="summary-title" class="summary" data-preview-users={answer.summary.users}>
        <h2 id="summary-title">{`${answer.summary.users} users`}</h2>
        <ul class="shares">
          {answer.summary.variants.map((v) => <li>
            <span class="label">{v.variant}</span>
            <span class="bar" aria-hidden="true"><span style={{ width: pct(v.share) }} /></span>
            {` ${v.count} (${pct(v.share)})`}
          </li>)}
        </ul>
        <p class="muted">
          {'By rule: '}
          {answer.summary.rules.map((r) => `${r.ruleId} ${r.count}`).join(' · ')}
          {' · reasons: '}
          {answer.summary.reasons.map((r) => `${r.reason} ${r.count}`).join(' · ')}
        </p>
      </section> : null}
      {answer ? <section aria-labelledby="results-title">
        <h2 id="results-title">Per user</h2>
        <div class="table-wrap" tabIndex={0}>
          <table class="results">
            <thead><tr>{['#', 'targetingKey', 'Variant', 'Value', 'Reason', 'Rule', 'Trace'].map((t) => <th scope="col">{t}</th>)}</tr></thead>
            <tbody>
              {pageRows.map((r) => <tr key={r.index} class={chosen === r.index ? 'chosen' : ''}>
                <td>{String(r.index + 1)}</td>
                <td>{String(users[r.index]?.targetingKey ?? '–')}</td>
                <td>{r.variant ?? '–'}</td>
                <td>{show(r.value)}</td>
                <td>{r.reason}{r.errorCode ? ` (${r.errorCode})` : ''}</td>
                <td>{r.ruleId ?? '–'}</td>
                <td><button type="button" aria-label={`Why? Trace of user ${r.index + 1}`} onClick={() => explain(r.index)}>Why?</button></td>
              </tr>)}
            </tbody>
          </table>
        </div>
        {results.length > PAGE ? <nav class="pager" aria-label="Result pages">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          <span>{` ${page * PAGE + 1}–${Math.min(results.length, (page + 1) * PAGE)} of ${results.length} `}</span>
          <button type="button" disabled={(page + 1) * PAGE >= results.length} onClick={() => setPage(page + 1)}>Next</button>
        </nav> : null}
      </section> : null}
      {picked ? <section aria-labelledby="trace-title" class="trace">
        <h2 id="trace-title">{`Why user ${picked.index + 1} got ${picked.variant ?? picked.reason}`}</h2>
        <pre class="mono small">{JSON.stringify(users[picked.index], null, 1)}</pre>
        {(picked.trace ?? []).length === 0 ? <p>No rule was evaluated ({picked.reason}).</p> :
        <ol>
          {(picked.trace ?? []).map((t) => <li>
            <strong>{t.ruleId ? `Rule ${t.ruleId}` : t.kind}</strong>
            {t.matched === undefined ? '' : t.matched ? ' matched' : ' did not match'}
            <ul>
              {(t.clauses ?? []).map((cl) => <li class={cl.result ? 'ok' : 'muted'}>
                {cl.result ? '✓ ' : '✗ '}
                <code>{`${cl.attr ?? ''} ${cl.op ?? cl.kind} ${show(cl.operand)}`}</code>
                {` saw ${show(cl.seen)}`}
              </li>)}
            </ul>
          </li>)}
        </ol>}
      </section> : null}
      <section aria-labelledby="calc-title" class="calculator">
        <h2 id="calc-title">Rollout calculator</h2>
        <div class="actions">
          <label for="audience">Audience (users)</label>
          <input id="audience" type="number" min={1} value={audience} onInput={(e: Event) => setAudience(Number(valueOf(e)))} />
          <button type="button" onClick={calculate}>Estimate</button>
          <span class="muted">{users.length ? `weighted by the ${users.length} previewed users` : 'for users reaching the first rollout rule'}</span>
        </div>
        {estimate ? <table>
          <thead><tr>{['Variant', 'Share', 'Expected users', '95% interval'].map((t) => <th scope="col">{t}</th>)}</tr></thead>
          <tbody>
            {estimate.variants.map((v) => <tr>
              <td>{v.variant}</td>
              <td>{pct(v.share)}</td>
              <td>{Math.round(v.expected).toLocaleString()}</td>
              <td>{`${Math.round(v.low).toLocaleString()} – ${Math.round(v.high).toLocaleString()}`}</td>
            </tr>)}
          </tbody>
        </table> : null}
      </section>
    </div>
  );
}
