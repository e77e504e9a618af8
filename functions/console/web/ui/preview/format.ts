// How the preview writes shares and values.

export const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
export const show = (v: unknown) => (v === undefined ? '–' : JSON.stringify(v));
