import type { SeriesKey } from '../../series/types.js';
import type { ResolvedStatsOptions } from '../options.js';
import { thresholdMatches } from '../thresholds.js';

/**
 * Estimated folding cost of a threshold run tracker and of an aligned series' bucket means, in
 * units of a series' own folding (moments, sustained peak, column extraction, spill writes):
 * the statistics worker's profile on the 357 MB benchmark log (126 series, 84 fed threshold
 * trackers, 125 aligned series) gave 975 ms for the series' own work, 157 ms for the
 * threshold trackers and 184 ms for the bucket means, so about 0.2 of a series each.
 */
const THRESHOLD_LOAD = 0.2;
const ALIGNED_LOAD = 0.2;

/**
 * An estimate of the folding work series `key` brings to its shard, from its announcement
 * only: 1 for a series that folds its own values (`own`: not a mirror nor declared), plus
 * {@link THRESHOLD_LOAD} per threshold run fed (rules of one operator and value share one) and
 * {@link ALIGNED_LOAD} when it keeps aligned bucket means (`aligned`). A mirror or a declared
 * series with a threshold computes its column, so it counts as its own.
 *
 * @example
 * seriesLoad(key, resolveStatsOptions(), true, false) // => 1 for a series no threshold rule matches
 */
export function seriesLoad(key: SeriesKey, o: ResolvedStatsOptions, own: boolean, aligned: boolean): number {
  const english = o.canonicalKey(key);
  const fed = new Set(o.thresholds.filter((r) => thresholdMatches(r, english)).map((r) => `${r.op} ${r.value}`)).size;
  return (own || fed > 0 ? 1 : 0) + fed * THRESHOLD_LOAD + (aligned ? ALIGNED_LOAD : 0);
}

/**
 * Which shard of a parallel run (a statistics worker, or the calling thread's local shard)
 * computes which series: in order of announcement, each to the shard whose estimated load
 * ({@link seriesLoad}) would be the smallest against its weight once it has the series (the
 * lowest shard on a tie; a shard of weight 0 gets none), except that a series announced with a
 * mirror hint or declared (`SeriesSink.mirrors`, `SeriesSink.declares`) goes where its source
 * went (a collector mirrors only its own series; a declared series of another shard would
 * compute its column), its load added there. With equal weights and loads of 1 this is round
 * robin. The calling thread decides (the announcements only, in order) and tells each worker.
 *
 * @example
 * const plan = new ShardPlan([1, 1]);
 * plan.hint(1, 0); [plan.shardOf(0, 1), plan.shardOf(1, 1), plan.shardOf(2, 1)] // => [0, 0, 1]
 */
export class ShardPlan {
  private readonly shards = new Map<number, number>();
  private readonly sources = new Map<number, number>();
  private readonly loads: number[];

  /** @param weights - each shard's share of the load, >= 0, at least one > 0 (normalised). */
  constructor(readonly weights: readonly number[]) {
    if (!weights.every((w) => w >= 0 && Number.isFinite(w)) || !weights.some((w) => w > 0)) throw new Error(`shard weights must be finite, >= 0 and not all 0, got ${weights.join(', ')}`);
    this.loads = Array<number>(weights.length).fill(0);
  }

  /** Notes that series `index`, to be announced, mirrors (or is declared from) series `sourceIndex`. */
  hint(index: number, sourceIndex: number): void {
    this.sources.set(index, sourceIndex);
  }

  /** Whether series `index` was hinted to follow another ({@link hint}). */
  follows(index: number): boolean {
    return this.sources.has(index);
  }

  /** The shard of series `index`, chosen on its first call (its announcement, of estimated `load`). */
  shardOf(index: number, load = 1): number {
    let shard = this.shards.get(index);
    if (shard !== undefined) return shard;
    const source = this.sources.get(index);
    shard = source === undefined ? undefined : this.shards.get(source);
    if (shard === undefined) {
      let best = Infinity;
      for (let s = 0; s < this.weights.length; s++) {
        const w = this.weights[s]!;
        if (w === 0) continue;
        const after = (this.loads[s]! + load) / w;
        if (after < best) [best, shard] = [after, s];
      }
    }
    this.loads[shard!]! += load;
    this.shards.set(index, shard!);
    return shard!;
  }

  /** The estimated load given to each shard so far. */
  loadsSoFar(): readonly number[] {
    return [...this.loads];
  }
}
