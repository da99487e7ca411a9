export { seededRandom } from '@hostplan/core';

/** Helpers over a random source. */
export function picker(random: () => number) {
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!,
    between: (lo: number, hi: number): number => lo + (hi - lo) * random(),
    int: (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1)),
    round: (x: number, step: number): number => Math.round(x / step) * step,
  };
}
