/** The report's restrained palette: one accent, greys, and two alarm colours. */
export const PALETTE = {
  ink: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  track: '#eef1f4',
  accent: '#2f6690',
  accentLight: '#9cc3dd',
  accentPale: '#d9e8f2',
  warn: '#c77d0a',
  alarm: '#b23a48',
  good: '#3b7d4f',
} as const;

/** Ten calm categorical colours for groups (Tableau 10, muted). */
export const CATEGORICAL = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;
