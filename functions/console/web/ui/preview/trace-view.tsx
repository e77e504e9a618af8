// Why one user got what they got: the schedule and prerequisites, then every rule in order as
// its own AND / OR / NOT tree, every clause shown as evaluated, skipped (its group was already
// decided) or not reached (an earlier rule served), and the split that chose the variant.

import { HelpTip } from '../help-tip.tsx';
import type { PreviewResult } from '../../api/shapes.ts';
import type { Condition } from '../../../../../shared/rules/index.ts';
import type { DraftFlag } from '../../logic/flag-draft.ts';
import { explainTrace, type Explanation, type RuleExplanation, type TraceStepInput } from '../../logic/trace-tree.ts';
import { SplitTraceView } from './split-trace.tsx';
import { TraceNodeView } from './trace-node.tsx';

type Props = { result: PreviewResult; user: Record<string, unknown> | undefined; flag: DraftFlag; segments: ReadonlyMap<string, Condition> };

function Gates({ explanation }: { explanation: Explanation }) {
  const { schedule, prerequisites } = explanation;
  if (!schedule && prerequisites.length === 0) return null;
  return (
    <ul class="trace-gates">
      {schedule ? (
        <li>
          {schedule.active ? '✓ The schedule is active now' : '✗ The schedule is not active now: the flag serves its off variant'}
          <HelpTip topic="a schedule">The flag is on only between the schedule's start and end (in its time zone); before and after, everyone gets the off variant and no rule runs.</HelpTip>
        </li>
      ) : null}
      {prerequisites.map((p) => (
        <li data-outcome={p.passed ? 'true' : 'false'}>
          {`${p.passed ? '✓' : '✗'} Prerequisite ${p.flag} must serve ${p.expected}: it served ${p.got ?? 'nothing'}`}
          <HelpTip topic="a prerequisite">Another flag that must serve the given variant to the same user first; when it does not, this flag serves its off variant without looking at its rules.</HelpTip>
        </li>
      ))}
    </ul>
  );
}

function RuleTrace({ rule }: { rule: RuleExplanation }) {
  return (
    <li class={`trace-rule ${rule.status.replace(' ', '-')}`} data-rule={rule.id}>
      <h3>{`Rule ${rule.index + 1} (${rule.id}): ${rule.status}`}</h3>
      {rule.note ? <p class="muted">{rule.note}</p> : null}
      {rule.condition ? <TraceNodeView node={rule.condition} /> : <p>No condition: everyone matches.</p>}
      <p class="serves">{`Serves ${rule.serves}`}</p>
      {rule.split ? <SplitTraceView split={rule.split} /> : null}
    </li>
  );
}

export function TraceView({ result, user, flag, segments }: Props) {
  const explanation = explainTrace(flag.rules ?? [], (result.trace ?? []) as TraceStepInput[], (key) => segments.get(key));
  return (
    <section aria-labelledby="trace-title" class="trace">
      <h2 id="trace-title">{`Why user ${result.index + 1} got ${result.variant ?? result.reason}`}</h2>
      <p>{`Reason: ${result.reason}${result.ruleId ? `, rule ${result.ruleId}` : ''}.`}</p>
      <pre class="mono small">{JSON.stringify(user, null, 1)}</pre>
      <Gates explanation={explanation} />
      {explanation.rules.length === 0 ? <p>The flag has no rules: it serves its default variant.</p> : <ol class="trace-rules">{explanation.rules.map((r) => <RuleTrace rule={r} />)}</ol>}
    </section>
  );
}
