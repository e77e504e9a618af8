// Preview: test users pasted (CSV, JSON, JSON lines) or generated, run against the draft by the
// preview API; value, variant and reason per user (100 per page), the per-clause trace of the
// one chosen, and the rollout calculator (expected users per variant for an audience).

import { h } from 'preact';
import { useState } from 'preact/hooks';
import { EstimateShape, PreviewShape, type EstimateAnswer, type PreviewAnswer, type PreviewResult } from '../api/shapes.ts';
import { parseUsers } from '../logic/csv-users.ts';
import { generateUsers } from '../logic/generate-users.ts';
import { client } from './app-state.ts';
import { valueOf } from './dom.ts';
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
  return h('div', { class: 'preview' },
    h('section', { 'aria-labelledby': 'users-title' },
      h('h2', { id: 'users-title' }, 'Test users'),
      h('label', { for: 'preview-users' }, 'Paste CSV (header row of attribute paths), a JSON array or JSON lines'),
      h('textarea', { id: 'preview-users', rows: 5, class: 'mono', value: text, onInput: (e: Event) => setText(valueOf(e)) }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onClick: fromText }, 'Preview these users'),
        h('label', { for: 'generate-count' }, 'or generate'),
        h('input', { id: 'generate-count', type: 'number', min: 1, max: 10000, class: 'narrow', value: count, onInput: (e: Event) => setCount(Number(valueOf(e))) }),
        h('button', { type: 'button', id: 'generate-users', onClick: () => run(generateUsers(Math.max(1, Math.min(10000, count)))) }, 'Generate and preview')),
      problems.length ? h('ul', { class: 'error', role: 'alert' }, problems.map((p) => h('li', null, p))) : null),
    answer ? h('section', { 'aria-labelledby': 'summary-title', class: 'summary', 'data-preview-users': answer.summary.users },
      h('h2', { id: 'summary-title' }, `${answer.summary.users} users`),
      h('ul', { class: 'shares' }, answer.summary.variants.map((v) => h('li', null,
        h('span', { class: 'label' }, v.variant), h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: { width: pct(v.share) } })), ` ${v.count} (${pct(v.share)})`))),
      h('p', { class: 'muted' }, 'By rule: ', answer.summary.rules.map((r) => `${r.ruleId} ${r.count}`).join(' · '), ' · reasons: ', answer.summary.reasons.map((r) => `${r.reason} ${r.count}`).join(' · '))) : null,
    answer ? h('section', { 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, 'Per user'),
      h('div', { class: 'table-wrap', tabIndex: 0 }, h('table', { class: 'results' },
        h('thead', null, h('tr', null, ['#', 'targetingKey', 'Variant', 'Value', 'Reason', 'Rule', 'Trace'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, pageRows.map((r) => h('tr', { key: r.index, class: chosen === r.index ? 'chosen' : '' },
          h('td', null, String(r.index + 1)), h('td', null, String(users[r.index]?.targetingKey ?? '–')), h('td', null, r.variant ?? '–'), h('td', null, show(r.value)),
          h('td', null, r.reason, r.errorCode ? ` (${r.errorCode})` : ''), h('td', null, r.ruleId ?? '–'),
          h('td', null, h('button', { type: 'button', 'aria-label': `Why? Trace of user ${r.index + 1}`, onClick: () => explain(r.index) }, 'Why?'))))))),
      results.length > PAGE ? h('nav', { class: 'pager', 'aria-label': 'Result pages' },
        h('button', { type: 'button', disabled: page === 0, onClick: () => setPage(page - 1) }, 'Previous'),
        h('span', null, ` ${page * PAGE + 1}–${Math.min(results.length, (page + 1) * PAGE)} of ${results.length} `),
        h('button', { type: 'button', disabled: (page + 1) * PAGE >= results.length, onClick: () => setPage(page + 1) }, 'Next')) : null) : null,
    picked ? h('section', { 'aria-labelledby': 'trace-title', class: 'trace' },
      h('h2', { id: 'trace-title' }, `Why user ${picked.index + 1} got ${picked.variant ?? picked.reason}`),
      h('pre', { class: 'mono small' }, JSON.stringify(users[picked.index], null, 1)),
      (picked.trace ?? []).length === 0 ? h('p', null, 'No rule was evaluated (', picked.reason, ').') :
      h('ol', null, (picked.trace ?? []).map((t) => h('li', null,
        h('strong', null, t.ruleId ? `Rule ${t.ruleId}` : t.kind), t.matched === undefined ? '' : t.matched ? ' matched' : ' did not match',
        h('ul', null, (t.clauses ?? []).map((cl) => h('li', { class: cl.result ? 'ok' : 'muted' }, cl.result ? '✓ ' : '✗ ',
          h('code', null, `${cl.attr ?? ''} ${cl.op ?? cl.kind} ${show(cl.operand)}`), ` saw ${show(cl.seen)}`))))))) : null,
    h('section', { 'aria-labelledby': 'calc-title', class: 'calculator' },
      h('h2', { id: 'calc-title' }, 'Rollout calculator'),
      h('div', { class: 'actions' },
        h('label', { for: 'audience' }, 'Audience (users)'),
        h('input', { id: 'audience', type: 'number', min: 1, value: audience, onInput: (e: Event) => setAudience(Number(valueOf(e))) }),
        h('button', { type: 'button', onClick: calculate }, 'Estimate'),
        h('span', { class: 'muted' }, users.length ? `weighted by the ${users.length} previewed users` : 'for users reaching the first rollout rule')),
      estimate ? h('table', null, h('thead', null, h('tr', null, ['Variant', 'Share', 'Expected users', '95% interval'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, estimate.variants.map((v) => h('tr', null, h('td', null, v.variant), h('td', null, pct(v.share)), h('td', null, Math.round(v.expected).toLocaleString()), h('td', null, `${Math.round(v.low).toLocaleString()} – ${Math.round(v.high).toLocaleString()}`))))) : null));
}
