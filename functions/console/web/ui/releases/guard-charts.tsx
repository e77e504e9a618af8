// Each guard of a plan over its recorded checks, on the shared time chart with the threshold that
// halts it drawn: the evidence of harm for a treatment-against-control guard, the value for a
// Monitoring guard.

import { useMemo } from 'preact/hooks';
import type { PlanAnswer } from '../../api/release-shapes.ts';
import { guardSeries } from '../../logic/release-words.ts';
import { TimeChart } from '../charts/time-chart.tsx';

export function GuardCharts({ plan }: { plan: PlanAnswer }) {
  const all = useMemo(() => guardSeries(plan), [plan]);
  if (all.length === 0) return null;
  return (
    <section class="guard-charts" aria-labelledby="guard-charts-title">
      <h4 id="guard-charts-title">Guards over time</h4>
      {all.map((s) =>
        s.values.every((v) => v === null)
          ? <p key={s.guard} class="hint">{`${s.guard}: no check with figures yet (the minute run checks once the plan has started).`}</p>
          : <GuardChart key={s.guard} series={s} />,
      )}
    </section>
  );
}

function GuardChart({ series }: { series: ReturnType<typeof guardSeries>[number] }) {
  const lines = useMemo(() => [{ label: series.label, values: series.values }], [series]);
  return <TimeChart caption={series.caption} times={series.times} series={lines} {...(series.threshold ? { threshold: series.threshold } : {})} height={160} />;
}
