// A flag's last 24 hours in the library row: a tiny line of its evaluations by hour (drawn in
// SVG: dozens of rows would not each want a canvas chart) and the same in words beside it.

import type { FlagUsageOverview } from '../../api/shapes.ts';
import { isQuiet, sparklinePoints, usageWords } from '../../logic/usage-overview.ts';

const WIDTH = 72;
const HEIGHT = 24;

export function UsageSparkline({ usage, now }: { usage: FlagUsageOverview | undefined; now: number }) {
  if (!usage) return <span class="muted small">…</span>;
  const words = usageWords(usage, now);
  return (
    <span class={`sparkline${isQuiet(usage, now) ? ' quiet' : ''}`}>
      {usage.evaluations > 0 ? (
        <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
          <polyline points={sparklinePoints(usage.hours, WIDTH, HEIGHT)} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        </svg>
      ) : null}
      <span class="small">{words}</span>
    </span>
  );
}
