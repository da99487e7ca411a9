import { seededRandom } from './prng.js';
import { normalizeSolution, type VectorProblem, type VectorSolution } from './problem.js';
import { searchPool, type Bin, type SearchContext } from './poolSearch.js';

/** Budget and seed of the bin-elimination search. */
export interface EliminateOptions {
  /** Move evaluations allowed in total (an effort unit, not time). */
  readonly effort: number;
  /** Stop as soon as the solution reaches this many bins. */
  readonly lowerBound: number;
  /** Seed of the tie-breaking random source. */
  readonly seed: number;
  /** Move evaluations allowed for one attempt at removing one bin. @defaultValue effort / 2 */
  readonly attemptEffort?: number;
  /** On instances with more bins, an attempt works only on this many least-filled bins. @defaultValue 256 */
  readonly sampleBins?: number;
  /** Score moves by squared item volume (favours moving large items out of the pool). @defaultValue false */
  readonly squared?: boolean;
}

/** What the search did. */
export interface EliminateResult {
  readonly solution: VectorSolution;
  readonly effortUsed: number;
  readonly binsRemoved: number;
}

/**
 * Bin elimination by consistent-neighbourhood tabu search (after Buljubasic & Vasquez 2016):
 * empty the least-filled bin into a pool, then alternate (1) direct insertion of pool items
 * (best fit) and (2) the best non-tabu swap of one or two pool items against zero, one or
 * two items of a bin, scored by the volume moved out of the pool (`searchPool`), until the
 * pool is empty (one bin fewer: keep it and go on) or the attempt's effort is spent (restore
 * the last complete packing; after three failed victims in a row, stop). Never returns more
 * bins than it was given. Cost bounded by `effort` move evaluations.
 *
 * @example
 * eliminateBins(vectorProblem([10, 10], items), start, { effort: 100_000, lowerBound: 3, seed: 1 }).binsRemoved // => 1
 */
export function eliminateBins(p: VectorProblem, start: VectorSolution, options: EliminateOptions): EliminateResult {
  const ctx: SearchContext = {
    dims: p.d, capacity: p.cap, slack: p.tol, sizes: p.w,
    volume: options.squared !== true ? p.vol : p.vol.map((v) => v * v), random: seededRandom(options.seed),
  };
  const attemptEffort = options.attemptEffort ?? Math.max(1, options.effort / 2);
  const sampleBins = options.sampleBins ?? 256;
  let best = start;
  let effortUsed = 0;
  let binsRemoved = 0;
  let victimRank = 0;
  while (best.bins > options.lowerBound && effortUsed < options.effort) {
    const bins = toBins(p, best);
    if (bins.length === 0) break;
    const byVolume = bins.map((_, i) => i).sort((a, b) => bins[a]!.volume - bins[b]!.volume || bins[a]!.items.length - bins[b]!.items.length || a - b);
    if (victimRank >= Math.min(3, byVolume.length)) break;
    const victim = byVolume[victimRank]!;
    const pool = bins[victim]!.items.slice();
    bins[victim] = bins[bins.length - 1]!;
    bins.pop();
    const budget = Math.min(attemptEffort, options.effort - effortUsed);
    const spent = searchPool(ctx, leastFilled(bins, sampleBins), pool, budget);
    effortUsed += spent.effort;
    if (spent.ok) {
      best = solutionOf(p, bins);
      binsRemoved++;
      victimRank = 0;
    } else {
      victimRank++;
    }
  }
  return { solution: best, effortUsed, binsRemoved };
}

/** On large instances an attempt works on the least-filled bins only (the others are nearly full). */
function leastFilled(bins: Bin[], sampleBins: number): Bin[] {
  if (bins.length <= sampleBins) return bins;
  return bins.map((_, i) => i).sort((a, b) => bins[a]!.volume - bins[b]!.volume || a - b).slice(0, sampleBins).map((i) => bins[i]!);
}

function solutionOf(p: VectorProblem, bins: readonly Bin[]): VectorSolution {
  const assignment = new Int32Array(p.n).fill(-1);
  bins.forEach((b, bin) => { for (const i of b.items) assignment[i] = bin; });
  return normalizeSolution(assignment);
}

function toBins(p: VectorProblem, s: VectorSolution): Bin[] {
  const bins: Bin[] = Array.from({ length: s.bins }, () => ({ items: [], load: new Float64Array(p.d), volume: 0 }));
  for (let i = 0; i < p.n; i++) {
    const b = s.assignment[i]!;
    if (b < 0) continue;
    const bin = bins[b]!;
    bin.items.push(i);
    for (let k = 0; k < p.d; k++) bin.load[k]! += p.w[i * p.d + k]!;
    bin.volume += p.vol[i]!;
  }
  return bins;
}
