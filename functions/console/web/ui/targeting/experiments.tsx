// The rules that serve a percentage split, each with its weights and the expected users per
// variant for an audience.

import { useSignal } from '@preact/signals';
import { EstimateShape, type EstimateAnswer } from '../../api/shapes.ts';
import type { DraftRule, DraftServe } from '../../logic/flag-draft.ts';
import { useApp } from '../app-state.ts';
import { valueOf } from '../dom.ts';
import type { Editor } from '../editor-state.ts';
import { SplitEditor } from '../serve-editor.tsx';

export function Experiments({ editor }: { editor: Editor }) {
  const audience = useSignal(10000);
  const estimates = useSignal<Readonly<Record<string, EstimateAnswer>>>({});
  const flag = editor.draft.value;
  const rules = (flag.rules ?? []) as DraftRule[];
  const experiments = rules.map((r, i) => ({ r, i })).filter(({ r }) => 'rollout' in r.serve);
  const c = useApp().client.value;
  const estimate = async (ruleId: string) => {
    const answer = await c.call('preview', `/v1/rules/rollout-estimate?environment=${encodeURIComponent(editor.environment)}`, EstimateShape, { body: { flag, audience: audience.value, ruleId } });
    estimates.value = { ...estimates.value, [ruleId]: answer };
  };
  return (
    <section aria-labelledby="experiments-title">
      <h2 id="experiments-title">Experiments and splits</h2>
      {experiments.length === 0 ? <p>{'No rule serves a percentage split. Choose "a percentage split" in a rule to start an experiment.'}</p> : null}
      <div class="field inline">
        <label for="exp-audience">Audience reaching the rule</label>
        <input id="exp-audience" type="number" min={1} value={audience.value} onInput={(e: Event) => (audience.value = Number(valueOf(e)))} />
      </div>
      {experiments.map(({ r, i }) => {
        const rollout = (r.serve as Extract<DraftServe, { rollout: unknown }>).rollout;
        const est = estimates.value[r.id];
        return <article class="experiment">
        <h3>{`Rule ${i + 1} (${r.id})`}{rollout.experiment ? `: experiment ${rollout.experiment.id}` : ': split without an experiment id'}</h3>
        <SplitEditor split={rollout.split} variants={Object.keys(flag.variants)} idBase={`exp-${i}`} onChange={(split, coalesce) => editor.update((f) => ({ ...f, rules: rules.map((x, j) => (j === i ? { ...x, serve: { rollout: { ...rollout, split } } } : x)) }), coalesce)} />
        <button type="button" onClick={() => estimate(r.id)}>Expected users</button>
        {est ? <ul>
          {est.variants.map((v) => <li>
            {`${v.variant}: ${Math.round(v.expected).toLocaleString()} (${Math.round(v.low).toLocaleString()}–${Math.round(v.high).toLocaleString()})`}
          </li>)}
        </ul> : null}
        <p class="muted">
          Exposures: no metrics yet. Counts per variant appear here once the aggregator has recorded exposures for this experiment.
        </p>
      </article>;
      })}
    </section>
  );
}
