// The releases of the open flag, one per Releases tab: the plans, the one shown, the plan editor's
// form with the issues of the last refusal, and the steering (pause, resume, abort with If-Match
// on the plan's version). Reads go through the app's one-request-per-purpose helper.

import { batch, computed, signal } from '@preact/signals';
import { ApiError } from '../../api/client.ts';
import { isAborted } from '../../api/latest.ts';
import type { PlanAnswer } from '../../api/release-shapes.ts';
import { releaseCalls, type Steer } from '../../api/releases.ts';
import { defaultPlanForm, numberIssues, planBody, splitRules, type PlanForm } from '../../logic/release-plan.ts';
import { refusalWords } from '../../logic/release-words.ts';
import type { Issue } from '../../logic/problems.ts';
import type { AppState } from '../app-state.ts';
import { loadFlag } from '../editor/load-flag.ts';
import type { Editor } from '../editor-state.ts';

const STEER_DONE: Readonly<Record<Steer, string>> = { pause: 'Paused', resume: 'Resumed', abort: 'Aborted' };

export function createReleasesState(app: AppState, editor: Editor) {
  const calls = () => releaseCalls(app.client.value, editor.environment, editor.saved.peek().key);
  const plans = signal<readonly PlanAnswer[] | null>(null);
  const loadError = signal<string | null>(null);
  const shownId = signal<string | null>(null);
  const form = signal<PlanForm | null>(null);
  const issues = signal<readonly Issue[]>([]);
  const formError = signal<string | null>(null);
  const steerError = signal<string | null>(null);
  const busy = signal(false);
  const shown = computed(() => plans.value?.find((p) => p.id === shownId.value) ?? plans.value?.[0] ?? null);
  /** A plan still running or paused: the API takes one at a time per flag. */
  const open = computed(() => plans.value?.find((p) => p.status === 'running' || p.status === 'paused') ?? null);
  /** The stored flag's split rules (a plan moves the saved flag, never the draft). */
  const rules = computed(() => splitRules(editor.saved.value));

  const load = async () => {
    try {
      const list = await app.requests.run('releases:plans', (abort) => calls().plans(abort));
      batch(() => {
        plans.value = list;
        loadError.value = null;
      });
    } catch (err) {
      if (!isAborted(err)) loadError.value = `The releases could not be read: ${(err as Error).message}`;
    }
  };

  return {
    plans,
    loadError,
    shownId,
    shown,
    open,
    rules,
    form,
    issues,
    formError,
    steerError,
    busy,
    load,
    /** Reads the plans again (the minute run moves them; a 412 asks for it). */
    async reload() {
      steerError.value = null;
      await load();
    },
    /** The flag as the release left it, into the editor (a draft with changes is kept unless dropped). */
    async loadFlagAgain() {
      if (editor.dirty.peek() && !confirm('Drop your unsaved changes and load the flag as the release left it?')) return;
      try {
        const opened = await app.requests.run('releases:flag', (abort) => loadFlag(app.client.value, editor.environment, editor.saved.peek().key, false, undefined, abort));
        editor.reset(opened.flag, opened.version);
        app.announce(`Loaded version ${opened.version} of the flag`);
      } catch (err) {
        if (!isAborted(err)) app.announce(`The flag could not be loaded: ${(err as Error).message}`, 'error');
      }
    },
    startEditing() {
      const rule = rules.value[0];
      if (!rule) return;
      batch(() => {
        form.value = defaultPlanForm(rule);
        issues.value = [];
        formError.value = null;
      });
    },
    cancelEditing() {
      form.value = null;
    },
    edit(fn: (f: PlanForm) => PlanForm) {
      if (form.value) form.value = fn(form.value);
    },
    async create() {
      const f = form.value;
      if (!f || busy.value) return;
      const local = numberIssues(f);
      if (local.length > 0) {
        batch(() => {
          issues.value = local;
          formError.value = `${local.length} field${local.length === 1 ? ' needs' : 's need'} a number.`;
        });
        return;
      }
      busy.value = true;
      try {
        const plan = await calls().createPlan(planBody(f));
        batch(() => {
          plans.value = [plan, ...(plans.value ?? []).filter((p) => p.id !== plan.id)];
          shownId.value = plan.id;
          form.value = null;
          issues.value = [];
        });
        app.announce(`Release ${plan.id} created: the next minute run starts it`);
      } catch (err) {
        const problem = err instanceof ApiError ? err.problem : undefined;
        batch(() => {
          issues.value = problem?.errors ?? [];
          formError.value = err instanceof ApiError ? refusalWords(err.status, problem?.detail ?? err.message, 'release') : (err as Error).message;
        });
      } finally {
        busy.value = false;
      }
    },
    async steer(plan: PlanAnswer, steer: Steer) {
      if (steer === 'abort' && !confirm(`Abort release ${plan.id}? The weights stay where they are now; the plan stops for good.`)) return;
      busy.value = true;
      steerError.value = null;
      try {
        const next = await calls().steer(plan.id, steer, plan.version);
        plans.value = (plans.value ?? []).map((p) => (p.id === next.id ? next : p));
        app.announce(`${STEER_DONE[steer]} release ${plan.id}`);
      } catch (err) {
        steerError.value = err instanceof ApiError ? refusalWords(err.status, err.problem.detail ?? err.message, 'release') : (err as Error).message;
      } finally {
        busy.value = false;
      }
    },
  };
}

export type ReleasesState = ReturnType<typeof createReleasesState>;
