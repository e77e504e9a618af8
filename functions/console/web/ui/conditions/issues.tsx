// The messages of one field or node, under an id its control points at with aria-describedby.

import type { Issue } from '../../logic/problems.ts';

export function Issues({ issues, id }: { issues: readonly Issue[]; id: string }) {
  return (
    <div id={id} class="issues" aria-live="polite">
      {issues.map((i) => <p class="error" data-error-path={i.path}>{i.message}</p>)}
    </div>
  );
}
