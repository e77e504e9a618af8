// A new scheduled change: when (in the browser's time zone, named next to the field), what
// (disable, enable, or a rule's split), and why. Refusals show at the fields they name.

import { zoneName } from '../../logic/dates.ts';
import { splitRules } from '../../logic/release-plan.ts';
import { issuesUnder } from '../../logic/problems.ts';
import { valueOf } from '../dom.ts';
import type { Editor } from '../editor-state.ts';
import { FieldMessages, invalidProps } from '../releases/field-messages.tsx';
import type { ChangeChoice, SchedulesState } from './schedules-state.ts';

export function ScheduleForm({ schedules, editor }: { schedules: SchedulesState; editor: Editor }) {
  const f = schedules.form.value;
  const rules = splitRules(editor.saved.value);
  const rule = rules.find((r) => r.id === f.ruleId) ?? rules[0];
  const issues = schedules.issues.value;
  const whenMessages = issuesUnder(issues, '/at').map((i) => i.message);
  const changeMessages = issuesUnder(issues, '/change').map((i) => i.message);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void schedules.create();
  };
  return (
    <form class="schedule-form" aria-labelledby="schedule-form-title" onSubmit={onSubmit} noValidate>
      <h3 id="schedule-form-title">Schedule a change</h3>
      <div class="field">
        <label for="schedule-when">{`When (your time zone, ${zoneName()})`}</label>
        <input id="schedule-when" type="datetime-local" value={f.when} onInput={(e: Event) => schedules.set({ when: valueOf(e) })} {...invalidProps('schedule-when', whenMessages)} />
        <FieldMessages field="schedule-when" messages={whenMessages} />
      </div>
      <div class="field">
        <label for="schedule-change">Change</label>
        <select id="schedule-change" value={f.choice} onChange={(e: Event) => schedules.set({ choice: valueOf(e) as ChangeChoice })} {...invalidProps('schedule-change', changeMessages)}>
          <option value="disable">Disable the flag</option>
          <option value="enable">Enable the flag</option>
          {rule ? <option value="weights">Set the weights of a rule</option> : null}
        </select>
        <FieldMessages field="schedule-change" messages={changeMessages} />
      </div>
      {f.choice === 'weights' && rule ? (
        <div class="schedule-weights">
          <div class="field">
            <label for="schedule-rule">Rule</label>
            <select id="schedule-rule" value={rule.id} onChange={(e: Event) => schedules.set({ ruleId: valueOf(e), variant: rules.find((r) => r.id === valueOf(e))?.variants[0] ?? '' })}>
              {rules.map((r) => <option value={r.id} key={r.id}>{r.id}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="schedule-variant">Variant</label>
            <select id="schedule-variant" value={f.variant} onChange={(e: Event) => schedules.set({ variant: valueOf(e) })}>
              {rule.variants.map((v) => <option value={v} key={v}>{v}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="schedule-percent">{`Its share (%), the rest to ${rule.variants.find((v) => v !== f.variant) ?? 'the other'}`}</label>
            <input id="schedule-percent" class="narrow" inputMode="decimal" value={f.percent} onInput={(e: Event) => schedules.set({ percent: valueOf(e) })} />
          </div>
        </div>
      ) : null}
      <div class="field">
        <label for="schedule-comment">Comment (optional)</label>
        <input id="schedule-comment" value={f.comment} onInput={(e: Event) => schedules.set({ comment: valueOf(e) })} />
      </div>
      <p class="hint">It applies only if the flag is still at this version then; an edit in between refuses it.</p>
      {schedules.formError.value ? <p class="error" role="alert">{schedules.formError.value}</p> : null}
      <button type="submit" class="primary" disabled={schedules.busy.value}>Schedule the change</button>
    </form>
  );
}
