// Every decision of a plan, oldest first, each with its time, what happened, why, and every
// guard's evidence in words.

import type { PlanAnswer } from '../../api/release-shapes.ts';
import { formatDateTime } from '../../logic/dates.ts';
import { decisionWords, evidenceWords } from '../../logic/release-words.ts';

export function PlanTimeline({ plan }: { plan: PlanAnswer }) {
  return (
    <section class="plan-timeline" aria-labelledby="plan-timeline-title">
      <h4 id="plan-timeline-title">Timeline</h4>
      {plan.decisions.length === 0 ? <p class="hint">No decision yet: the minute run starts the plan.</p> : null}
      <ol class="timeline">
        {plan.decisions.map((d, i) => (
          <li key={i} class={`decision ${d.action}`} data-action={d.action}>
            <time dateTime={d.at}>{formatDateTime(d.at)}</time>
            <p class="what">{decisionWords(d)}</p>
            <p class="why muted">{d.reason}</p>
            {d.evidence.length > 0 ? <ul class="evidence">{d.evidence.map((e) => <li key={e.guard} class={`verdict-${e.verdict}`}>{evidenceWords(e)}</li>)}</ul> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
