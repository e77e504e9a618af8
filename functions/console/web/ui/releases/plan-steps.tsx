// The plan editor's steps: each a treatment percentage with its minimum hold and sample.

import { messagesAt, newStep, type PlanForm, type StepForm } from '../../logic/release-plan.ts';
import type { Issue } from '../../logic/problems.ts';
import { valueOf } from '../dom.ts';
import { FieldMessages, invalidProps } from './field-messages.tsx';

type Props = { form: PlanForm; issues: readonly Issue[]; onChange: (fn: (f: PlanForm) => PlanForm) => void };

function NumberField({ field, label, value, issues, onInput }: { field: string; label: string; value: string; issues: readonly Issue[]; onInput: (v: string) => void }) {
  const messages = messagesAt(issues, field);
  return (
    <div class="field">
      <label for={field}>{label}</label>
      <input id={field} class="narrow" inputMode="decimal" value={value} onInput={(e: Event) => onInput(valueOf(e))} {...invalidProps(field, messages)} />
      <FieldMessages field={field} messages={messages} />
    </div>
  );
}

export function PlanSteps({ form, issues, onChange }: Props) {
  const setStep = (i: number, patch: Partial<StepForm>) => onChange((f) => ({ ...f, steps: f.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  return (
    <fieldset class="plan-steps">
      <legend>{`Steps: ${form.treatment}'s share of the rule, the rest to ${form.control}`}</legend>
      <ol>
        {form.steps.map((s, i) => (
          <li key={i} class="plan-step">
            <NumberField field={`plan-step-${i}-percent`} label={`Step ${i + 1}: ${form.treatment} %`} value={s.percent} issues={issues} onInput={(v) => setStep(i, { percent: v })} />
            <NumberField field={`plan-step-${i}-hold`} label="Hold at least (minutes)" value={s.minHoldMinutes} issues={issues} onInput={(v) => setStep(i, { minHoldMinutes: v })} />
            <NumberField field={`plan-step-${i}-sample`} label="Exposures per arm at least" value={s.minSample} issues={issues} onInput={(v) => setStep(i, { minSample: v })} />
            <button type="button" class="link" disabled={form.steps.length === 1} onClick={() => onChange((f) => ({ ...f, steps: f.steps.filter((_, j) => j !== i) }))}>{`Remove step ${i + 1}`}</button>
          </li>
        ))}
      </ol>
      <button type="button" disabled={form.steps.length >= 20} onClick={() => onChange((f) => ({ ...f, steps: [...f.steps, newStep(100)] }))}>Add a step</button>
    </fieldset>
  );
}
