/**
 * Reads a sample value as the API writes it: a decimal string, or `NaN`, `+Inf`, `-Inf`.
 * Returns NaN for anything that is not a number (the caller reports it).
 *
 * @example
 * parsePromValue('1.5e+02') // => 150
 * parsePromValue('+Inf')    // => Infinity
 */
export function parsePromValue(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Counts of values that are not finite numbers, by kind. */
export interface PromNonFiniteCounts {
  nan: number;
  posInf: number;
  negInf: number;
}

/**
 * Adds one value to the counts when it is not finite; returns whether it was finite.
 *
 * @example
 * const c = { nan: 0, posInf: 0, negInf: 0 }; countPromNonFinite(Infinity, c); c.posInf // => 1
 */
export function countPromNonFinite(v: number, counts: PromNonFiniteCounts): boolean {
  if (Number.isFinite(v)) return true;
  if (Number.isNaN(v)) counts.nan++;
  else if (v > 0) counts.posInf++;
  else counts.negInf++;
  return false;
}

/**
 * The counts as an issue message says them.
 *
 * @example
 * describePromNonFinite({ nan: 3, posInf: 1, negInf: 0 }) // => '3 NaN, 1 +Inf'
 */
export function describePromNonFinite(c: PromNonFiniteCounts): string {
  return [c.nan && `${c.nan} NaN`, c.posInf && `${c.posInf} +Inf`, c.negInf && `${c.negInf} -Inf`].filter(Boolean).join(', ');
}
