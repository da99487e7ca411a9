/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence, so
 * randomised searches stay deterministic. Returns numbers in [0, 1). O(1) per call.
 *
 * @example
 * const next = seededRandom(42);
 * next() === seededRandom(42)() // => true
 */
export function seededRandom(seed: number): () => number {
  let a = (seed >>> 0) || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
