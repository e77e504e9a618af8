// Expected users per variant for an audience, weighted by the previewed users when there are some.

import { useSignal } from '@preact/signals';
import { valueOf } from '../dom.ts';
import { pct } from './format.ts';
import type { PreviewState } from './preview-state.ts';

export function RolloutCalculator({ preview }: { preview: PreviewState }) {
  const audience = useSignal(50000);
  const estimate = preview.estimate.value;
  const sampled = preview.users.value.length;
  const n = (x: number) => Math.round(x).toLocaleString();
  return (
    <section aria-labelledby="calc-title" class="calculator">
      <h2 id="calc-title">Rollout calculator</h2>
      <div class="actions">
        <label for="audience">Audience (users)</label>
        <input id="audience" type="number" min={1} value={audience.value} onInput={(e: Event) => (audience.value = Number(valueOf(e)))} />
        <button type="button" onClick={() => void preview.calculate(audience.value)}>Estimate</button>
        <span class="muted">{sampled ? `weighted by the ${sampled} previewed users` : 'for users reaching the first rollout rule'}</span>
      </div>
      {estimate ? (
        <table>
          <thead><tr>{['Variant', 'Share', 'Expected users', '95% interval'].map((t) => <th scope="col">{t}</th>)}</tr></thead>
          <tbody>
            {estimate.variants.map((v) => <tr><td>{v.variant}</td><td>{pct(v.share)}</td><td>{n(v.expected)}</td><td>{`${n(v.low)} – ${n(v.high)}`}</td></tr>)}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
