// The editor's Usage tab: what the saved flag did over the last hour, day or week, as charts of
// evaluations per variant and per rule (the aggregator's rollups, a minute or so behind the SDKs),
// or a plain explanation when there is nothing to chart yet.

import { useEffect, useMemo } from 'preact/hooks';
import { USAGE_RANGES, usageCharts, type UsageRange } from '../../logic/usage-series.ts';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { TimeChart } from '../charts/time-chart.tsx';
import { createUsageState, type UsageState } from './usage-state.ts';

function RangePicker({ usage }: { usage: UsageState }) {
  return (
    <div class="segmented" role="group" aria-label="Time range">
      {(Object.keys(USAGE_RANGES) as UsageRange[]).map((r) => (
        <button type="button" aria-pressed={usage.range.value === r ? 'true' : 'false'} onClick={() => usage.choose(r)} title={USAGE_RANGES[r].span}>
          {USAGE_RANGES[r].label}
        </button>
      ))}
    </div>
  );
}

function EmptyUsage({ span, saved }: { span: string; saved: boolean }) {
  return (
    <div class="empty-state">
      <h3>{saved ? `No evaluations in ${span}` : 'Not saved yet'}</h3>
      <p class="hint">
        {saved
          ? 'Charts appear once SDKs or the evaluation API evaluate this flag in this environment. Counts arrive a minute or so after the evaluations: each instance reports its metrics and the aggregator rolls them up by the minute.'
          : 'A flag has usage once it is saved and evaluated.'}
      </p>
    </div>
  );
}

export function UsagePanel({ editor }: { editor: Editor }) {
  const app = useApp();
  const usage = useMemo(() => createUsageState(app, editor), [app, editor]);
  useEffect(() => void usage.load(), [usage]);
  const answer = usage.answer.value;
  const range = USAGE_RANGES[usage.shown.value];
  const charts = useMemo(() => (answer && answer.evaluations > 0 ? usageCharts(answer.minutes, answer.from, answer.to, range.bucketMinutes) : null), [answer, range]);
  const per = range.bucketMinutes === 1 ? 'per minute' : range.bucketMinutes < 60 ? `per ${range.bucketMinutes} minutes` : `per ${range.bucketMinutes / 60} hours`;
  return (
    <section class="usage" aria-labelledby="usage-heading" aria-busy={usage.loading.value ? 'true' : 'false'}>
      <div class="toolbar">
        <h2 id="usage-heading">
          Usage <span class="muted">{`· ${range.span}`}</span>
        </h2>
        <RangePicker usage={usage} />
      </div>
      {usage.error.value ? <p class="error" role="alert">{`Usage is unavailable: ${usage.error.value}`}</p> : null}
      {answer === null && !usage.error.value ? <p class="hint">Loading usage…</p> : null}
      {answer && !charts ? <EmptyUsage span={range.span} saved={editor.version.value > 0} /> : null}
      {answer && charts ? (
        <>
          <p class="usage-total">
            <strong>{answer.evaluations.toLocaleString('en')}</strong> {`evaluations in ${range.span}`}
          </p>
          <div class="usage-charts">
            <TimeChart caption={`Evaluations per variant, ${per}`} times={charts.times} series={charts.variants} stepped />
            <TimeChart caption={`Evaluations per rule, ${per}`} times={charts.times} series={charts.rules} stepped />
          </div>
        </>
      ) : null}
    </section>
  );
}
