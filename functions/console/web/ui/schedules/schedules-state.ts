// The open flag's scheduled changes, one per Releases tab: the list, the form of a new one (a time
// in the browser's zone; disable, enable, or a rule's weights), its refusal's issues, and cancel
// (DELETE with If-Match on the schedule's version).

import { batch, signal } from '@preact/signals';
import { ApiError } from '../../api/client.ts';
import { isAborted } from '../../api/latest.ts';
import type { ScheduleAnswer } from '../../api/release-shapes.ts';
import { releaseCalls } from '../../api/releases.ts';
import { formatDateTime } from '../../logic/dates.ts';
import type { Issue } from '../../logic/problems.ts';
import { splitRules } from '../../logic/release-plan.ts';
import { refusalWords } from '../../logic/release-words.ts';
import { instantOf, localValue, nextWholeHour, weightsWith } from '../../logic/schedule-change.ts';
import type { AppState } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';

export type ChangeChoice = 'disable' | 'enable' | 'weights';
export type ScheduleForm = { readonly when: string; readonly choice: ChangeChoice; readonly ruleId: string; readonly variant: string; readonly percent: string; readonly comment: string };

export function createSchedulesState(app: AppState, editor: Editor) {
  const calls = () => releaseCalls(app.client.value, editor.environment, editor.saved.peek().key);
  const items = signal<readonly ScheduleAnswer[] | null>(null);
  const loadError = signal<string | null>(null);
  const firstRule = splitRules(editor.saved.peek())[0];
  const form = signal<ScheduleForm>({ when: localValue(nextWholeHour(Date.now())), choice: 'disable', ruleId: firstRule?.id ?? '', variant: firstRule?.variants[0] ?? '', percent: '100', comment: '' });
  const issues = signal<readonly Issue[]>([]);
  const formError = signal<string | null>(null);
  const rowError = signal<string | null>(null);
  const busy = signal(false);

  const load = async () => {
    try {
      const list = await app.requests.run('releases:schedules', (abort) => calls().schedules(abort));
      batch(() => {
        items.value = list;
        loadError.value = null;
      });
    } catch (err) {
      if (!isAborted(err)) loadError.value = `The scheduled changes could not be read: ${(err as Error).message}`;
    }
  };

  const change = (f: ScheduleForm): unknown => {
    if (f.choice !== 'weights') return { enabled: f.choice === 'enable' };
    const rule = splitRules(editor.saved.peek()).find((r) => r.id === f.ruleId);
    const percent = Number(f.percent);
    return { ruleId: f.ruleId, weights: rule ? weightsWith(rule.variants, f.variant, percent) : {} };
  };

  return {
    items,
    loadError,
    form,
    issues,
    formError,
    rowError,
    busy,
    load,
    set(patch: Partial<ScheduleForm>) {
      form.value = { ...form.value, ...patch };
    },
    async create() {
      const f = form.value;
      const at = instantOf(f.when);
      if (at === undefined) {
        issues.value = [{ path: '/at', code: 'INVALID_VALUE', message: 'give a date and a time' }];
        return;
      }
      busy.value = true;
      try {
        const made = await calls().createSchedule({ at, change: change(f), ...(f.comment.trim() ? { comment: f.comment.trim() } : {}) });
        batch(() => {
          items.value = [...(items.value ?? []), made].sort((a, b) => a.at.localeCompare(b.at));
          issues.value = [];
          formError.value = null;
        });
        app.announce(`Change scheduled for ${formatDateTime(made.at)}`);
      } catch (err) {
        batch(() => {
          issues.value = err instanceof ApiError ? (err.problem.errors ?? []) : [];
          formError.value = err instanceof ApiError ? refusalWords(err.status, err.problem.detail ?? err.message, 'schedule') : (err as Error).message;
        });
      } finally {
        busy.value = false;
      }
    },
    async cancel(s: ScheduleAnswer) {
      if (!confirm('Cancel this scheduled change?')) return;
      rowError.value = null;
      try {
        const saved = await calls().cancelSchedule(s.id, s.version);
        items.value = (items.value ?? []).map((x) => (x.id === saved.id ? saved : x));
        app.announce('Scheduled change cancelled');
      } catch (err) {
        rowError.value = err instanceof ApiError ? refusalWords(err.status, err.problem.detail ?? err.message, 'schedule') : (err as Error).message;
      }
    },
  };
}

export type SchedulesState = ReturnType<typeof createSchedulesState>;
