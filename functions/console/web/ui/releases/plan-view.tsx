// One release plan: where it stands, its last check, its guards over time and its timeline, with
// pause, resume and abort for editors (each with If-Match on the plan's version).

import type { PlanAnswer } from '../../api/release-shapes.ts';
import { formatDateTime } from '../../logic/dates.ts';
import { evidenceWords, guardSetupWords, rampWords, statusWords, stepWords, steersFor } from '../../logic/release-words.ts';
import { useApp } from '../app-state.ts';
import { GuardCharts } from './guard-charts.tsx';
import { PlanTimeline } from './plan-timeline.tsx';
import type { ReleasesState } from './releases-state.ts';

const STEER_LABEL = { pause: 'Pause', resume: 'Resume', abort: 'Abort' } as const;

function Steering({ plan, releases }: { plan: PlanAnswer; releases: ReleasesState }) {
  const { canEdit } = useApp();
  const steers = canEdit.value ? steersFor(plan.status) : [];
  return (
    <div class="actions plan-steer">
      {steers.map((s) => <button type="button" key={s} class={s === 'abort' ? 'danger' : ''} disabled={releases.busy.value} onClick={() => void releases.steer(plan, s)}>{`${STEER_LABEL[s]} the release`}</button>)}
      <button type="button" onClick={() => void releases.reload()}>Reload</button>
    </div>
  );
}

/** The editor holds an older version than the one the release wrote: saving it would be refused (or, once reloaded, pause the plan). */
function FlagMoved({ plan, releases, editorVersion }: { plan: PlanAnswer; releases: ReleasesState; editorVersion: number }) {
  if (plan.flagVersion <= editorVersion) return null;
  return (
    <p class="notice flag-moved">
      {`The release wrote version ${plan.flagVersion} of the flag; the editor shows version ${editorVersion}.`}
      <button type="button" onClick={() => void releases.loadFlagAgain()}>{`Load version ${plan.flagVersion}`}</button>
    </p>
  );
}

export function PlanView({ plan, releases, editorVersion }: { plan: PlanAnswer; releases: ReleasesState; editorVersion: number }) {
  return (
    <article class="plan-view" aria-labelledby="plan-title" data-status={plan.status}>
      <h3 id="plan-title">
        {`Release ${plan.id} of rule ${plan.ruleId} `}
        <span class={`badge plan-status ${plan.status}`}>{statusWords(plan.status)}</span>
      </h3>
      <p class="plan-step-now">{stepWords(plan)}</p>
      <details class="plan-setup">
        <summary>The plan</summary>
        <p>{rampWords(plan)}</p>
        {plan.guards.length === 0 ? <p>No guards.</p> : <ul>{plan.guards.map((g) => <li key={g.id}>{guardSetupWords(g)}</li>)}</ul>}
        {plan.comment ? <p class="muted">{plan.comment}</p> : null}
      </details>
      <p class="muted">{`${plan.treatment} against ${plan.control}; exposures this step: ${plan.treatment} ${plan.stepExposures.treatment.toLocaleString('en-US')}, ${plan.control} ${plan.stepExposures.control.toLocaleString('en-US')}. On a breach: ${plan.onBreach === 'zero' ? `${plan.treatment} to 0%` : 'back to the previous step'}. Created by ${plan.createdBy}, ${formatDateTime(plan.createdAt)}.`}</p>
      {plan.pauseReason && plan.status === 'paused' ? <p class="warn">{`Paused: ${plan.pauseReason}`}</p> : null}
      <FlagMoved plan={plan} releases={releases} editorVersion={editorVersion} />
      <Steering plan={plan} releases={releases} />
      {releases.steerError.value ? <p class="error" role="alert">{releases.steerError.value}</p> : null}
      {plan.lastCheck ? (
        <section aria-labelledby="last-check-title">
          <h4 id="last-check-title">{`Last check, ${formatDateTime(plan.lastCheck.at)}: ${plan.lastCheck.outcome}`}</h4>
          <ul class="evidence">{plan.lastCheck.evidence.map((e) => <li key={e.guard} class={`verdict-${e.verdict}`}>{evidenceWords(e)}</li>)}</ul>
        </section>
      ) : null}
      <GuardCharts plan={plan} />
      <PlanTimeline plan={plan} />
    </article>
  );
}
