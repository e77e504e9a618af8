// One node of the Why? tree: a group, a NOT, a segment (expanded) or a clause, with its outcome
// in words (never by colour alone) and, for a clause, the value the user had.

import type { Outcome, TraceNode } from '../../logic/trace-tree.ts';
import { Icon } from '../icons.tsx';

const OUTCOME_WORDS: Record<Outcome, string> = { true: '✓ true', false: '✗ false', skipped: '– skipped (already decided)', 'not-reached': '· not reached' };

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <span class={`outcome ${outcome}`}>{OUTCOME_WORDS[outcome]}</span>;
}

export function TraceNodeView({ node }: { node: TraceNode }) {
  switch (node.kind) {
    case 'group':
      return (
        <div class={`trace-node group ${node.outcome}`} data-outcome={node.outcome}>
          <div class="trace-head"><Icon name={node.op} /><strong>{node.op === 'all' ? 'ALL of (AND)' : 'ANY of (OR)'}</strong> <OutcomeBadge outcome={node.outcome} /></div>
          <ul>{node.children.map((child) => <li><TraceNodeView node={child} /></li>)}</ul>
        </div>
      );
    case 'not':
      return (
        <div class={`trace-node not ${node.outcome}`} data-outcome={node.outcome}>
          <div class="trace-head"><Icon name="not" /><strong>NOT</strong> <OutcomeBadge outcome={node.outcome} /></div>
          <TraceNodeView node={node.child} />
        </div>
      );
    case 'segment':
      return (
        <div class={`trace-node segment ${node.outcome}`} data-outcome={node.outcome}>
          <div class="trace-head"><Icon name="segment" />{'in segment '}<strong>{node.segment}</strong> <OutcomeBadge outcome={node.outcome} /></div>
          {node.condition ? <TraceNodeView node={node.condition} /> : <p class="muted">Its definition could not be read.</p>}
        </div>
      );
    case 'clause':
      return (
        <div class={`trace-node clause ${node.outcome}`} data-outcome={node.outcome}>
          <Icon name="clause" /><code>{node.text}</code> <OutcomeBadge outcome={node.outcome} />
          {node.seen === undefined ? null : <span class="seen">{` the user had ${node.seen}`}</span>}
        </div>
      );
  }
}
