// The plan editor: the rule and its two arms, the steps, the guards, what a breach does, and a
// comment. The API checks the plan; its refusal's paths come back to the fields they name.

import { useEffect } from 'preact/hooks';
import { defaultPlanForm, fieldOfPath, messagesAt, type PlanForm } from '../../logic/release-plan.ts';
import { valueOf } from '../dom.ts';
import { FieldMessages, invalidProps } from './field-messages.tsx';
import { PlanGuards } from './plan-guards.tsx';
import { PlanSteps } from './plan-steps.tsx';
import type { ReleasesState } from './releases-state.ts';

/** Names worth offering before any event has been used in a plan of this flag. */
const COMMON_EVENTS = ['error', 'crash', 'latency', 'conversion', 'checkout'];

function eventSuggestions(releases: ReleasesState): string[] {
  const used = (releases.plans.value ?? []).flatMap((p) => p.guards.map((g) => g.event)).filter((e): e is string => typeof e === 'string');
  return [...new Set([...used, ...COMMON_EVENTS])];
}

function VariantSelect({ field, label, value, variants, form, messages, onChange }: { field: string; label: string; value: string; variants: readonly string[]; form: PlanForm; messages: readonly string[]; onChange: (v: string) => void }) {
  return (
    <div class="field">
      <label for={field}>{label}</label>
      <select id={field} value={value} onChange={(e: Event) => onChange(valueOf(e))} {...invalidProps(field, messages)}>
        {variants.map((v) => <option value={v} key={v} disabled={v === (field === 'plan-treatment' ? form.control : form.treatment)}>{v}</option>)}
      </select>
      <FieldMessages field={field} messages={messages} />
    </div>
  );
}

export function PlanEditor({ releases }: { releases: ReleasesState }) {
  const form = releases.form.value;
  const issues = releases.issues.value;
  // After a refusal, the first field it names takes the focus (its message is read with it).
  useEffect(() => {
    const first = issues[0];
    if (first) requestAnimationFrame(() => document.getElementById(fieldOfPath(first.path))?.focus());
  }, [issues]);
  if (!form) return null;
  const rules = releases.rules.value;
  const rule = rules.find((r) => r.id === form.ruleId) ?? rules[0]!;
  const at = (field: string) => messagesAt(issues, field);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void releases.create();
  };
  return (
    <form class="plan-editor" aria-labelledby="plan-editor-title" onSubmit={onSubmit} noValidate>
      <h3 id="plan-editor-title">New guarded release</h3>
      <p class="hint">Each step moves the rule's split by itself once it has held long enough with healthy guards; a breached guard halts the plan and rolls the weights back.</p>
      <div class="plan-arms">
        <div class="field">
          <label for="plan-ruleId">Rule</label>
          <select id="plan-ruleId" value={form.ruleId} onChange={(e: Event) => releases.edit(() => defaultPlanForm(rules.find((r) => r.id === valueOf(e)) ?? rule))} {...invalidProps('plan-ruleId', at('plan-ruleId'))}>
            {rules.map((r) => <option value={r.id} key={r.id}>{`${r.id} (now ${Object.entries(r.weights).map(([v, w]) => `${v} ${w}%`).join(', ')})`}</option>)}
          </select>
          <FieldMessages field="plan-ruleId" messages={at('plan-ruleId')} />
        </div>
        <VariantSelect field="plan-treatment" label="Treatment (the new variant)" value={form.treatment} variants={rule.variants} form={form} messages={at('plan-treatment')} onChange={(v) => releases.edit((f) => ({ ...f, treatment: v }))} />
        <VariantSelect field="plan-control" label="Control (the one it replaces)" value={form.control} variants={rule.variants} form={form} messages={at('plan-control')} onChange={(v) => releases.edit((f) => ({ ...f, control: v }))} />
      </div>
      <PlanSteps form={form} issues={issues} onChange={releases.edit} />
      <PlanGuards form={form} issues={issues} events={eventSuggestions(releases)} onChange={releases.edit} />
      <fieldset class="plan-breach">
        <legend>When a guard breaches</legend>
        <label class="field inline"><input type="radio" name="plan-onBreach" checked={form.onBreach === 'previous'} onChange={() => releases.edit((f) => ({ ...f, onBreach: 'previous' }))} />Go back to the previous step</label>
        <label class="field inline"><input type="radio" name="plan-onBreach" checked={form.onBreach === 'zero'} onChange={() => releases.edit((f) => ({ ...f, onBreach: 'zero' }))} />{`Set ${form.treatment} to 0%`}</label>
      </fieldset>
      <div class="field">
        <label for="plan-comment">Comment (optional)</label>
        <input id="plan-comment" value={form.comment} onInput={(e: Event) => releases.edit((f) => ({ ...f, comment: valueOf(e) }))} />
      </div>
      {releases.formError.value ? <p class="error" role="alert">{releases.formError.value}</p> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={releases.busy.value}>Create the plan</button>
        <button type="button" onClick={releases.cancelEditing}>Cancel</button>
      </div>
    </form>
  );
}
