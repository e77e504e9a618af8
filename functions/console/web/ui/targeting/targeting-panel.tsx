// Targeting tools over the draft: the geo map of a chosen rule, the device/browser matrix (what
// the draft serves each combination, by preview), the behavioural events the rules read, and the
// experiment audience builder with expected users per variant.

import type { Editor } from '../editor-state.ts';
import { BehaviourEvents } from './behaviour-events.tsx';
import { Countries } from './countries.tsx';
import { DeviceMatrix } from './device-matrix.tsx';
import { Experiments } from './experiments.tsx';

export function TargetingPanel({ editor }: { editor: Editor }) {
  return (
    <div class="targeting">
      <Countries editor={editor} />
      <DeviceMatrix editor={editor} />
      <BehaviourEvents editor={editor} />
      <Experiments editor={editor} />
    </div>
  );
}
