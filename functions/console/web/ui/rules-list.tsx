// The ordered rules of a flag: the first that matches serves. Each rule card holds its condition
// builder, what it serves, its issues and conflicts, and its cost; cards reorder by drag and drop
// on the handle, by Alt+Arrow on the focused card, or by the arrow buttons.

import { Icon } from './icons.tsx';
import type { DraftFlag, DraftRule, DraftServe } from '../logic/flag-draft.ts';
import { newRule } from '../logic/flag-draft.ts';
import { issuesAt, issuesUnder, messageIdFor, type Issue } from '../logic/problems.ts';
import { formatRate } from '../logic/usage.ts';
import { ConditionTree } from './conditions/condition-tree.tsx';
import { valueOf } from './dom.ts';
import type { Editor } from './editor-state.ts';
import { ServeEditor } from './serve-editor.tsx';

function moveRule(rules: readonly DraftRule[], from: number, to: number): DraftRule[] {
  const next = [...rules];
  const [rule] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, rule!);
  return next;
}

type RulesEdits = {
  readonly count: number;
  setRule(i: number, rule: DraftRule, coalesce?: string): void;
  move(from: number, to: number): void;
  remove(i: number): void;
};

function RuleBadges({ editor, rule, errorCount }: { editor: Editor; rule: DraftRule; errorCount: number }) {
  const cost = editor.cost.value;
  const usage = editor.usage.value;
  return (
    <>
      {errorCount ? <span class="badge error">{`${errorCount} error${errorCount > 1 ? 's' : ''}`}</span> : null}
      {cost ? <span class="badge cost" title="Estimated cost of evaluating this flag (from /v1/rules/performance)">{`~${Math.round(cost.estimatedNs)} ns/eval`}</span> : null}
      {usage ? (
        <span class="badge usage" title={`Share of the last hour's ${usage.evaluations} evaluations this rule served (from the aggregated metrics)`}>
          {`${formatRate(usage.rules[rule.id]?.matchRate ?? 0)} matched`}
        </span>
      ) : null}
    </>
  );
}

function RuleHead({ editor, rule, i, errorCount, edits }: { editor: Editor; rule: DraftRule; i: number; errorCount: number; edits: RulesEdits }) {
  const onDragStart = (e: DragEvent) => {
    editor.dragged.value = { rule: i };
    e.dataTransfer?.setData('text/plain', rule.id);
  };
  return (
    <header class="rule-head">
      <span class="handle" draggable aria-hidden="true" title="Drag to reorder" onDragStart={onDragStart} onDragEnd={() => (editor.dragged.value = null)}>⠿</span>
      <h3 id={`rule-${i}-title`}>{`Rule ${i + 1}`}</h3>
      <label class="visually-hidden" for={`rule-${i}-id`}>{`Rule ${i + 1} id`}</label>
      <input id={`rule-${i}-id`} class="rule-id" value={rule.id} aria-describedby={messageIdFor(`/rules/${i}/id`)} onInput={(e: Event) => edits.setRule(i, { ...rule, id: valueOf(e) }, `rule-${i}-id`)} />
      <RuleBadges editor={editor} rule={rule} errorCount={errorCount} />
      <span class="tools">
        <button type="button" aria-label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => edits.move(i, i - 1)}><Icon name="up" /></button>
        <button type="button" aria-label={`Move rule ${i + 1} down`} disabled={i === edits.count - 1} onClick={() => edits.move(i, i + 1)}><Icon name="down" /></button>
        <button type="button" class="danger" aria-label={`Delete rule ${i + 1}`} onClick={() => edits.remove(i)}><Icon name="remove" /> Delete</button>
      </span>
    </header>
  );
}

function RuleCard({ editor, rule, i, issues, edits }: { editor: Editor; rule: DraftRule; i: number; issues: readonly Issue[]; edits: RulesEdits }) {
  const pointer = `/rules/${i}`;
  const draggingRule = () => {
    const d = editor.dragged.value;
    return d !== null && !('path' in d) ? d.rule : null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && e.target === e.currentTarget && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      edits.move(i, e.key === 'ArrowUp' ? i - 1 : i + 1);
    }
  };
  const onDragOver = (e: DragEvent) => {
    if (draggingRule() === null) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).classList.add('drop-here');
  };
  const onDrop = (e: DragEvent) => {
    const from = draggingRule();
    if (from === null) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).classList.remove('drop-here');
    editor.dragged.value = null;
    edits.move(from, i);
  };
  return (
    <article class="rule" id={`rule-${i}`} tabIndex={-1} aria-labelledby={`rule-${i}-title`} onKeyDown={onKeyDown} onDragOver={onDragOver} onDragLeave={(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('drop-here')} onDrop={onDrop}>
      <RuleHead editor={editor} rule={rule} i={i} errorCount={issuesUnder(issues, pointer).length} edits={edits} />
      <div id={messageIdFor(`${pointer}/id`)} class="issues">
        {issuesAt(issues, `${pointer}/id`).map((x) => <p class="error" data-error-path={x.path}>{x.message}</p>)}
      </div>
      <div class="rule-body">
        <div class="when"><h4>When</h4><ConditionTree editor={editor} rule={i} issues={issues} /></div>
        <ServeEditor flag={editor.draft.value} serve={rule.serve as DraftServe} pointer={`${pointer}/serve`} issues={issues} idBase={`rule-${i}-serve`} onChange={(serve: DraftServe, coalesce?: string) => edits.setRule(i, { ...rule, serve }, coalesce)} />
      </div>
    </article>
  );
}

export function RulesList({ editor }: { editor: Editor }) {
  const flag = editor.draft.value;
  const rules = (flag.rules ?? []) as DraftRule[];
  const issues = [...(editor.validation.value?.errors ?? []), ...editor.saveIssues.value];
  const setRules = (next: DraftRule[], coalesce?: string) => editor.update((f: DraftFlag) => ({ ...f, rules: next }), coalesce);
  const edits: RulesEdits = {
    count: rules.length,
    setRule: (i, rule, coalesce) => setRules(rules.map((r, j) => (j === i ? rule : r)), coalesce),
    move: (from, to) => {
      if (to < 0 || to >= rules.length) return;
      setRules(moveRule(rules, from, to));
      editor.focus.value = { rule: to, path: null };
      queueMicrotask(() => requestAnimationFrame(() => document.getElementById(`rule-${to}`)?.focus()));
    },
    remove: (i) => setRules(rules.filter((_, j) => j !== i)),
  };
  return (
    <section class="rules" aria-labelledby="rules-title">
      <h2 id="rules-title">{'Rules '}<span class="muted">in order: the first that matches serves</span></h2>
      <ol class="rule-list">
        {rules.map((rule, i) => <li key={`${rule.id}-${i}`}><RuleCard editor={editor} rule={rule} i={i} issues={issues} edits={edits} /></li>)}
      </ol>
      <button type="button" class="add-rule" onClick={() => setRules([...rules, newRule(flag)])}>+ Add rule</button>
      <p class="muted">Nobody matched: serves the default variant. Flag disabled: serves the off variant.</p>
    </section>
  );
}
