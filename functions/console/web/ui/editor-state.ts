// One open flag: its draft under undo/redo, the version it is based on, and what the APIs say
// about the draft (validation at ~50 ms after the last edit; conflicts and cost a little later).
// The draft autosaves to localStorage; the stored flag changes only on Save.

import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Client } from '../api/client.ts';
import { AnalyzeShape, PerformanceShape, UsageShape, ValidateShape } from '../api/shapes.ts';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { saveDraft } from '../logic/drafts.ts';
import type { Issue } from '../logic/problems.ts';
import { uniqueWarnings } from '../logic/warnings.ts';
import { canRedo, canUndo, pushState, redo, undo, undoStack, type UndoStack } from '../logic/undo-stack.ts';
import type { TreePath } from '../logic/rule-tree.ts';

/** Below the 100 ms feedback budget with the local round trip (a few ms) included. */
export const VALIDATE_DEBOUNCE_MS = 50;
const ANALYZE_DEBOUNCE_MS = 400;

export type Focus = { readonly rule: number; readonly path: TreePath } | { readonly rule: number; readonly path: null };

/** What is being dragged in this editor: a whole rule (by index) or one condition of a rule. */
export type Dragged = { readonly rule: number } | { readonly rule: number; readonly path: TreePath };

/** What an editor needs of the app: the API client and whether the key may edit. */
export type EditorDeps = { readonly client: Client; readonly canEdit: ReadonlySignal<boolean> };

export function createEditor({ client: c, canEdit }: EditorDeps, environment: string, initial: DraftFlag, baseVersion: number) {
  const stack = signal<UndoStack<DraftFlag>>(undoStack(initial));
  const version = signal(baseVersion);
  const draft = computed(() => stack.value.present);
  const saved = signal<DraftFlag>(initial);
  const dirty = computed(() => JSON.stringify(draft.value) !== JSON.stringify(saved.value));
  const validation = signal<{ errors: Issue[]; warnings: Issue[]; complexity: number | null; at: number } | null>(null);
  const conflicts = signal<Issue[]>([]);
  /** Validate's warnings and analyze's conflicts, each once: what the editor counts and lists. */
  /** The draft the last conflicts and cost are of: the current one once they are up to date. */
  const analysed = signal<DraftFlag | null>(null);
  const warnings = computed(() => uniqueWarnings(validation.value?.warnings ?? [], conflicts.value));
  const cost = signal<{ estimatedNs: number; measuredNs?: number } | null>(null);
  /** The stored flag's last hour: evaluations and each rule's match rate (null until known or when none). */
  const usage = signal<{ evaluations: number; rules: Record<string, { matches: number; matchRate: number }> } | null>(null);
  const usageRequest = new AbortController();
  // Observed once per opening: a saved flag's traffic, not the draft's.
  if (baseVersion > 0) {
    c.call('admin', `/v1/environments/${encodeURIComponent(environment)}/flags/${encodeURIComponent(initial.key)}/usage?minutes=60`, UsageShape, { signal: usageRequest.signal })
      .then((answer) => (usage.value = answer.evaluations > 0 ? answer : null))
      .catch(() => undefined);
  }
  const apiError = signal<string | null>(null);
  /** Extra issues from a refused save (422 with paths into the request body). */
  const saveIssues = signal<Issue[]>([]);
  const focus = signal<Focus | null>(null);
  /** The comment the next save records. */
  const comment = signal('');
  const dragged = signal<Dragged | null>(null);

  const edit = (next: DraftFlag, coalesceKey?: string) => {
    // A viewer's key cannot save: the draft does not change (the views offer no edits either).
    if (!canEdit.peek()) return;
    batch(() => {
      stack.value = pushState(stack.value, next, coalesceKey, performance.now());
      saveIssues.value = [];
    });
  };
  const update = (fn: (f: DraftFlag) => DraftFlag, coalesceKey?: string) => edit(fn(draft.value), coalesceKey);

  const env = `?environment=${encodeURIComponent(environment)}`;
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let analyzeTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  const analyze = async (flag: DraftFlag, abort: AbortSignal) => {
    try {
      const [analysis, perf] = await Promise.all([
        c.call('preview', `/v1/rules/analyze${env}`, AnalyzeShape, { body: { flag }, signal: abort }),
        c.call('preview', `/v1/rules/performance${env}`, PerformanceShape, { body: { flag }, signal: abort }),
      ]);
      batch(() => {
        conflicts.value = analysis.conflicts;
        analysed.value = flag;
      });
      cost.value = { estimatedNs: perf.estimatedNsPerEvaluation, ...(perf.measured ? { measuredNs: perf.measured.nsPerEvaluation } : {}) };
    } catch {
      /* an aborted or refused analysis keeps the last answers */
    }
  };
  const dispose = effect(() => {
    const flag = draft.value;
    clearTimeout(validateTimer);
    clearTimeout(analyzeTimer);
    const editedAt = performance.now();
    validateTimer = setTimeout(async () => {
      inFlight?.abort();
      const controller = (inFlight = new AbortController());
      try {
        const answer = await c.call('validate', `/v1/rules/validate${env}`, ValidateShape, { body: { flag }, signal: controller.signal });
        validation.value = { errors: answer.errors, warnings: answer.warnings, complexity: answer.complexity, at: performance.now() };
        apiError.value = null;
        // Conflicts and cost need a flag that compiles: asked only of a valid draft (an invalid one
        // would be refused with 422), a little after the edit; an invalid draft has none to show.
        if (answer.valid) analyzeTimer = setTimeout(() => void analyze(flag, controller.signal), Math.max(0, ANALYZE_DEBOUNCE_MS - (performance.now() - editedAt)));
        else conflicts.value = [];
      } catch (err) {
        if ((err as Error).name !== 'AbortError') apiError.value = `Validation unavailable: ${(err as Error).message}`;
      }
    }, VALIDATE_DEBOUNCE_MS);
    saveDraft(localStorage, environment, flag.key, { flag, baseVersion: version.peek(), savedAt: new Date().toISOString() });
  });

  return {
    environment,
    stack,
    draft,
    version,
    saved,
    dirty,
    validation,
    conflicts,
    warnings,
    analysisCurrent: computed(() => analysed.value === draft.value),
    cost,
    usage,
    apiError,
    saveIssues,
    focus,
    comment,
    dragged,
    edit,
    update,
    undo: () => (stack.value = undo(stack.value)),
    redo: () => (stack.value = redo(stack.value)),
    canUndo: computed(() => canUndo(stack.value)),
    canRedo: computed(() => canRedo(stack.value)),
    /** After a save or a rollback: the stored flag becomes the new base, history starts over. */
    reset(flag: DraftFlag, newVersion: number) {
      batch(() => {
        version.value = newVersion;
        saved.value = flag;
        stack.value = undoStack(flag);
      });
    },
    dispose: () => {
      dispose();
      clearTimeout(validateTimer);
      clearTimeout(analyzeTimer);
      inFlight?.abort();
      usageRequest.abort();
    },
  };
}

export type Editor = ReturnType<typeof createEditor>;
