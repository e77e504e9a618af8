// How observed usage reads next to a rule.

/** A match rate as a short percentage: 0%, <0.1%, 2.5%, 40%. */
export function formatRate(rate: number): string {
  if (rate === 0) return '0%';
  if (rate < 0.001) return '<0.1%';
  return `${Number((rate * 100).toFixed(rate < 0.1 ? 1 : 0))}%`;
}
