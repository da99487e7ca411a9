/** A seeded pseudo-random source (mulberry32): the sample data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over a random source. */
export function picker(random: () => number) {
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!,
    between: (lo: number, hi: number): number => lo + (hi - lo) * random(),
    int: (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1)),
    round: (x: number, step: number): number => Math.round(x / step) * step,
  };
}
