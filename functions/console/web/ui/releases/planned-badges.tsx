// A library row's badges for a release running or paused and for scheduled changes pending.

import type { Planned } from './planned-changes.ts';
import { plannedWords } from './planned-changes.ts';

export function PlannedBadges({ planned }: { planned: Planned | undefined }) {
  if (!planned) return null;
  return (
    <>
      {plannedWords(planned).map((words) => <span key={words} class={`badge planned${words.startsWith('Release running') ? ' running' : ''}`}>{words}</span>)}
    </>
  );
}
