/**
 * Which worker of a parallel run computes which series: in order of announcement, each to the
 * shard with the fewest series so far (round robin), except that a series announced with a
 * mirror hint or declared (`SeriesSink.mirrors`, `SeriesSink.declares`) goes where its source
 * went (a collector mirrors only its own series; a declared series of another shard would
 * compute its column).
 * Every thread sees the same announcements in the same order, so all agree.
 *
 * @example
 * const plan = new ShardPlan(2);
 * plan.hint(1, 0); [plan.shardOf(0), plan.shardOf(1), plan.shardOf(2)] // => [0, 0, 1]
 */
export class ShardPlan {
  private readonly shards = new Map<number, number>();
  private readonly sources = new Map<number, number>();
  private readonly loads: number[];

  constructor(readonly count: number) {
    this.loads = Array<number>(count).fill(0);
  }

  /** Notes that series `index`, to be announced, mirrors series `sourceIndex`. */
  hint(index: number, sourceIndex: number): void {
    this.sources.set(index, sourceIndex);
  }

  /** The shard of series `index`, chosen on its first call (its announcement). */
  shardOf(index: number): number {
    let shard = this.shards.get(index);
    if (shard !== undefined) return shard;
    const source = this.sources.get(index);
    shard = source === undefined ? undefined : this.shards.get(source);
    if (shard === undefined) {
      shard = 0;
      for (let s = 1; s < this.count; s++) if (this.loads[s]! < this.loads[shard]!) shard = s;
    }
    this.loads[shard]!++;
    this.shards.set(index, shard);
    return shard;
  }
}
