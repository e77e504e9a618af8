// Preview: test users pasted (CSV, JSON, JSON lines) or generated, run against the draft by the
// preview API; value, variant and reason per user (100 per page), the trace of the one chosen,
// and the rollout calculator (expected users per variant for an audience).

import { useMemo } from 'preact/hooks';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';
import { createPreviewState } from './preview-state.ts';
import { PreviewResults } from './preview-results.tsx';
import { PreviewSummary } from './preview-summary.tsx';
import { RolloutCalculator } from './rollout-calculator.tsx';
import { TestUsers } from './test-users.tsx';
import { TraceView } from './trace-view.tsx';

export function PreviewPanel({ editor }: { editor: Editor }) {
  const app = useApp();
  const preview = useMemo(() => createPreviewState(app, editor), [app, editor]);
  const answer = preview.answer.value;
  const trace = preview.chosen.value === null ? null : preview.trace.value;
  return (
    <div class="preview">
      <TestUsers preview={preview} />
      {answer ? <PreviewSummary answer={answer} /> : null}
      {answer ? <PreviewResults preview={preview} results={answer.results} /> : null}
      {trace && preview.tracedFlag.value ? <TraceView result={trace} user={preview.users.value[trace.index]} flag={preview.tracedFlag.value} segments={preview.segments.value} /> : null}
      <RolloutCalculator preview={preview} />
    </div>
  );
}
