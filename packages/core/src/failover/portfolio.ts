import type { Replacer, ReplaceResult } from './types.js';

/**
 * Several re-placement engines tried in turn: the first answer that places every displaced VM,
 * else the one that leaves the fewest unplaced (the earliest on a tie). Every answer is a valid
 * re-placement, so the best of them is a sound proof of tolerance, never worse than any one
 * engine. O(sum of the engines tried).
 *
 * @example
 * const replace = portfolio(bestFitReplace, placementReplace());
 * checkFailover(hosts, plan, { vms, k: 1, replace }).tolerates // => true
 */
export function portfolio(...engines: readonly Replacer[]): Replacer {
  if (engines.length === 0) throw new TypeError('portfolio needs at least one engine');
  return (req) => {
    let best: ReplaceResult | undefined;
    for (const engine of engines) {
      const r = engine(req);
      if (r.unplaced.length === 0) return r;
      if (!best || r.unplaced.length < best.unplaced.length) best = r;
    }
    return best!;
  };
}
