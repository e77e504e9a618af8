// The plan editor's guards: an event rate or a mean of values (treatment against control, an event
// name from the suggestions or typed), or a Cloud Monitoring series against a threshold.

import { messagesAt, newGuard, type GuardForm, type GuardKind, type PlanForm } from '../../logic/release-plan.ts';
import type { Issue } from '../../logic/problems.ts';
import { valueOf } from '../dom.ts';
import { FieldMessages, invalidProps } from './field-messages.tsx';

type Props = { form: PlanForm; issues: readonly Issue[]; events: readonly string[]; onChange: (fn: (f: PlanForm) => PlanForm) => void };

const KIND_WORDS: readonly (readonly [GuardKind, string])[] = [['rate', 'Event rate per exposure'], ['mean', 'Mean of an event\'s value'], ['monitoring', 'Cloud Monitoring metric']];

function Text({ field, label, value, issues, onInput, hint, list, multiline }: { field: string; label: string; value: string; issues: readonly Issue[]; onInput: (v: string) => void; hint?: string; list?: string; multiline?: boolean }) {
  const messages = messagesAt(issues, field);
  const onEvent = (e: Event) => onInput(valueOf(e));
  return (
    <div class="field">
      <label for={field}>{label}</label>
      {multiline
        ? <textarea id={field} rows={2} value={value} onInput={onEvent} {...invalidProps(field, messages)} />
        : <input id={field} type="text" value={value} onInput={onEvent} {...(list ? { list } : {})} {...invalidProps(field, messages)} />}
      {hint ? <p class="hint">{hint}</p> : null}
      <FieldMessages field={field} messages={messages} />
    </div>
  );
}

function Choice<T extends string>({ field, label, value, options, onChange }: { field: string; label: string; value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void }) {
  return (
    <div class="field">
      <label for={field}>{label}</label>
      <select id={field} value={value} onChange={(e: Event) => onChange(valueOf(e) as T)}>
        {options.map(([v, words]) => <option value={v} key={v}>{words}</option>)}
      </select>
    </div>
  );
}

function GuardFields({ guard, i, issues, set }: { guard: GuardForm; i: number; issues: readonly Issue[]; set: (patch: Partial<GuardForm>) => void }) {
  const f = (name: string) => `plan-guard-${i}-${name}`;
  if (guard.kind === 'monitoring') {
    return (
      <>
        <Text field={f('filter')} label="Monitoring filter" multiline value={guard.filter} issues={issues} onInput={(v) => set({ filter: v })} hint={'For example metric.type="run.googleapis.com/request_latencies" AND resource.labels.service_name="checkout"'} />
        <Text field={f('threshold')} label="Threshold" value={guard.threshold} issues={issues} onInput={(v) => set({ threshold: v })} />
        <Choice field={f('breachWhen')} label="Halt when the value is" value={guard.breachWhen} options={[['above', 'above the threshold'], ['below', 'below the threshold']]} onChange={(v) => set({ breachWhen: v })} />
        <Text field={f('forMinutes')} label="For this many minutes in a row" value={guard.forMinutes} issues={issues} onInput={(v) => set({ forMinutes: v })} />
      </>
    );
  }
  return (
    <>
      <Text field={f('event')} label="Tracked event" list="plan-event-names" value={guard.event} issues={issues} onInput={(v) => set({ event: v })} hint={guard.kind === 'mean' ? 'The mean of the value your app sends with the event (track), treatment against control.' : 'How often your app reports the event (track) per user served, treatment against control.'} />
      <Choice field={f('direction')} label="Harmful when it" value={guard.direction} options={[['increase', 'rises (errors, latency)'], ['decrease', 'falls (conversions)']]} onChange={(v) => set({ direction: v })} />
      <Text field={f('tolerance')} label="Tolerated change (%)" value={guard.tolerancePercent} issues={issues} onInput={(v) => set({ tolerancePercent: v })} />
    </>
  );
}

export function PlanGuards({ form, issues, events, onChange }: Props) {
  const setGuard = (i: number, patch: Partial<GuardForm>) => onChange((f) => ({ ...f, guards: f.guards.map((g, j) => (j === i ? { ...g, ...patch } : g)) }));
  const taken = form.guards.map((g) => g.id);
  return (
    <fieldset class="plan-guards">
      <legend>Guards: what halts the release</legend>
      <datalist id="plan-event-names">{events.map((e) => <option value={e} key={e} />)}</datalist>
      {form.guards.length === 0 ? <p class="hint">No guards: the plan only waits for each step's hold and sample.</p> : null}
      <ol>
        {form.guards.map((g, i) => (
          <li key={i} class="plan-guard">
            <fieldset class="plain">
              <legend class="visually-hidden">{`Guard ${i + 1}`}</legend>
              <Choice field={`plan-guard-${i}-kind`} label={`Guard ${i + 1}: kind`} value={g.kind} options={KIND_WORDS} onChange={(kind) => setGuard(i, { ...newGuard(kind, taken.filter((t) => t !== g.id)) })} />
              <Text field={`plan-guard-${i}-id`} label="Name" value={g.id} issues={issues} onInput={(v) => setGuard(i, { id: v })} />
              <GuardFields guard={g} i={i} issues={issues} set={(patch) => setGuard(i, patch)} />
              <FieldMessages field={`plan-guard-${i}`} messages={messagesAt(issues, `plan-guard-${i}`)} />
              <button type="button" class="link" onClick={() => onChange((f) => ({ ...f, guards: f.guards.filter((_, j) => j !== i) }))}>{`Remove guard ${i + 1}`}</button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" disabled={form.guards.length >= 10} onClick={() => onChange((f) => ({ ...f, guards: [...f.guards, newGuard('rate', taken)] }))}>Add a guard</button>
    </fieldset>
  );
}
