/** Confidence in a measurement: the share of expected samples present, and 1 to 5 stars. */
export interface Confidence {
  /** Present samples as a percentage of expected, 0..100. */
  readonly percent: number;
  /** Azure Migrate bands: 0-20 % = 1 star, 21-40 = 2, 41-60 = 3, 61-80 = 4, 81-100 = 5. */
  readonly stars: 1 | 2 | 3 | 4 | 5;
  readonly present: number;
  readonly expected: number;
}

/**
 * Confidence from the samples present against those expected: percent = 100 x present /
 * expected (capped at 100), stars = ceil(percent / 20) with at least one (so 20 % is 1 star and
 * anything above 20 up to 40 is 2, Azure Migrate's bands). O(1).
 *
 * @example
 * confidenceOf(150, 200) // => { percent: 75, stars: 4, present: 150, expected: 200 }
 */
export function confidenceOf(present: number, expected: number): Confidence {
  const percent = expected > 0 ? Math.min(100, (100 * present) / expected) : 0;
  const stars = Math.min(5, Math.max(1, Math.ceil(percent / 20))) as Confidence['stars'];
  return { percent, stars, present, expected };
}

/**
 * Samples expected over a capture from `startMs` to `endMs` at one sample per `intervalMs`
 * (both ends included): floor((end - start) / interval) + 1. O(1).
 *
 * @example
 * expectedSamples(0, 3_600_000, 15_000) // => 241 (an hour of 15-second samples)
 */
export function expectedSamples(startMs: number, endMs: number, intervalMs: number): number {
  if (!(intervalMs > 0) || !(endMs >= startMs)) return 0;
  return Math.floor((endMs - startMs) / intervalMs) + 1;
}
