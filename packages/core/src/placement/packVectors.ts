import { invalid } from '../errors.js';
import { eliminateBins } from './eliminateBins.js';
import { bucketFill } from './bucketFill.js';
import { CLASSIC_HEURISTICS, runClassic, type ClassicHeuristic } from './heuristics.js';
import { vectorLowerBound } from './lowerBound.js';
import { fitsEmpty, vectorProblem, type VectorProblem, type VectorSolution } from './problem.js';

/** Greedy constructions packVectors can start from: the classics and the bucketed dot-product fill. */
export type PackConstruction = ClassicHeuristic | 'bucket-dot';
/**
 * Every construction {@link packVectors} tries by default, in the order it tries them: the
 * bucketed dot-product fill first, then the {@link CLASSIC_HEURISTICS}.
 *
 * @example
 * PACK_CONSTRUCTIONS[0] // => 'bucket-dot'
 * PACK_CONSTRUCTIONS.length // => 7
 */
export const PACK_CONSTRUCTIONS: readonly PackConstruction[] = ['bucket-dot', ...CLASSIC_HEURISTICS];

/** Options of {@link packVectors}; every field has a default. */
export interface PackVectorsOptions {
  /**
   * Effort budget of the improvement phase, in move evaluations (deterministic, unlike a
   * time limit); 0 skips the phase. @defaultValue 5,000,000
   */
  readonly effort?: number;
  /** Seed of the tie-breaking random source of the improvement phase. @defaultValue 1 */
  readonly seed?: number;
  /**
   * Greedy constructions to try (the best is kept). Above `binCentricLimit` items only the
   * O(n log n) `bucket-dot` runs (the others cost O(n^2) or O(n x bins)). @defaultValue {@link PACK_CONSTRUCTIONS}
   */
  readonly constructions?: readonly PackConstruction[];
  /** Largest item count for which the O(n^2) and O(n x bins) constructions run. @defaultValue 5,000 */
  readonly binCentricLimit?: number;
}

/** The result of {@link packVectors}. */
export interface VectorPacking {
  /** Bins used. */
  readonly bins: number;
  /** Bin index (0-based) of every item, in input order; -1 for an item larger than a bin. */
  readonly assignment: readonly number[];
  /** max over dimensions of ceil(total size / capacity). */
  readonly lowerBound: number;
  /** Indexes of items that exceed the bin capacity on some dimension. */
  readonly unplaced: readonly number[];
  /** Load of every bin per dimension. */
  readonly loads: readonly (readonly number[])[];
  /** The construction whose packing the improvement phase started from, and its bins. */
  readonly construction: { readonly name: string; readonly bins: number };
  /** Move evaluations spent by the improvement phase. */
  readonly effortUsed: number;
  /** The options in force, defaults filled in. */
  readonly options: Required<Omit<PackVectorsOptions, 'constructions'>> & { readonly constructions: readonly string[] };
}

/** Default effort of the improvement phase, in move evaluations. */
export const DEFAULT_PACK_EFFORT = 5_000_000;

/**
 * Vector bin packing on plain numbers: packs items (one size per dimension) into as few
 * identical bins as it can. Runs several greedy constructions (first-fit decreasing by max,
 * sum, product and L2 norm; Panigrahy et al.'s bin-centric dot-product and L2 greedy), keeps
 * the best, stops if it meets the lower bound, else runs a bin-elimination tabu search within
 * an effort budget that never makes the packing worse. Deterministic for a given seed.
 * O(n^2 d) constructions (bin-centric, up to `binCentricLimit` items) plus the budget.
 *
 * @example
 * const r = packVectors([10, 10], [[6, 3], [4, 7], [4, 7], [6, 3]]);
 * r.bins       // => 2 ([6,3]+[4,7] twice)
 * r.lowerBound // => 2
 */
export function packVectors(capacity: readonly number[], items: readonly (readonly number[])[], options: PackVectorsOptions = {}): VectorPacking {
  const effort = options.effort ?? DEFAULT_PACK_EFFORT;
  const seed = options.seed ?? 1;
  const binCentricLimit = options.binCentricLimit ?? 5000;
  if (!(effort >= 0) || !Number.isFinite(effort)) invalid('options.effort', 'a finite number >= 0', effort);
  if (!Number.isInteger(seed)) invalid('options.seed', 'an integer', seed);
  const p = vectorProblem(capacity, items);
  const unplaced: number[] = [];
  for (let i = 0; i < p.n; i++) if (!fitsEmpty(p, i)) unplaced.push(i);
  const placeable = items.filter((_, i) => !unplaced.includes(i));
  const lowerBound = vectorLowerBound(capacity, unplaced.length ? placeable : items);

  const names = (options.constructions ?? PACK_CONSTRUCTIONS).filter((h) => h === 'bucket-dot' || p.n <= binCentricLimit);
  if (names.length === 0) invalid('options.constructions', 'at least one construction that runs on this size', options.constructions);
  let best: VectorSolution | null = null;
  let bestName = '';
  for (const name of names) {
    const s = name === 'bucket-dot' ? bucketFill(p) : runClassic(p, name);
    if (!best || s.bins < best.bins) { best = s; bestName = name; }
    if (best.bins <= lowerBound) break;
  }
  const construction = { name: bestName, bins: best!.bins };
  let effortUsed = 0;
  if (best!.bins > lowerBound && effort > 0) {
    const r = eliminateBins(p, best!, { effort, lowerBound, seed });
    best = r.solution;
    effortUsed = r.effortUsed;
  }
  return {
    bins: best!.bins,
    assignment: Array.from(best!.assignment),
    lowerBound,
    unplaced,
    loads: binLoads(p, best!),
    construction,
    effortUsed,
    options: { effort, seed, binCentricLimit, constructions: names },
  };
}

function binLoads(p: VectorProblem, s: VectorSolution): number[][] {
  const loads = Array.from({ length: s.bins }, () => new Array<number>(p.d).fill(0));
  for (let i = 0; i < p.n; i++) {
    const b = s.assignment[i]!;
    if (b >= 0) for (let k = 0; k < p.d; k++) loads[b]![k]! += p.w[i * p.d + k]!;
  }
  return loads;
}
