import { HostplanError } from '@hostplan/core';
import type { SeriesSink } from '../series/types.js';
import type { SampleSource } from './types.js';

/** One order statistic to find: the value of 0-based rank `rank` among the finite samples of `series`. */
export interface OrderStatisticRequest {
  readonly series: number;
  readonly rank: number;
  /** What the first pass measured for this series: finite sample count, min and max. */
  readonly count: number;
  readonly min: number;
  readonly max: number;
}

interface Query {
  readonly series: number;
  readonly rank: number;
  lo: number;
  hi: number;
  /** Finite samples of the series below `lo`. */
  below: number;
  /** Finite samples in [lo, hi]. */
  inside: number;
  value: number | null;
  collect: Float64Array | null;
  filled: number;
  counts: Float64Array | null;
  mins: Float64Array | null;
  maxs: Float64Array | null;
  /** A histogram pass made no progress (subnormal widths): collect everything next. */
  force: boolean;
}

/** Sub-buckets per refinement pass. */
const BUCKETS = 4096;

/**
 * Exact order statistics of series too large to keep in memory, by replaying a deterministic
 * source: each pass narrows, per requested rank, the value interval [lo, hi] known to hold it
 * (starting from [min, max]) with a 4,096-bucket histogram that records each bucket's count,
 * min and max; the next interval is the tight [min, max] of the bucket holding the rank. As
 * soon as an interval holds at most `budgetValues / pending` values, one more pass collects
 * them and selects exactly. An interval whose bounds meet (repeated values) is answered
 * without collecting. Each histogram pass shrinks the candidate count strictly, so it ends;
 * on real counters it takes 1 to 3 replays.
 *
 * Memory: 3 x 4,096 doubles per pending rank plus the collected values (at most
 * `budgetValues` doubles). Time: one replay of the source per pass.
 *
 * Throws {@link HostplanError} (`invalid-value`, path `source`) if a replay does not produce
 * the same samples as the first pass.
 *
 * @example
 * const src = (sink) => { sink.series(0, key); [5, 1, 4, 2, 3].forEach((v, i) => sink.sample(0, i, v)); };
 * const { values } = await selectOrderStatistics(src, [{ series: 0, rank: 2, count: 5, min: 1, max: 5 }], 1);
 * values[0] // => 3
 */
export async function selectOrderStatistics(
  source: SampleSource,
  requests: readonly OrderStatisticRequest[],
  budgetValues: number,
): Promise<{ values: number[]; passes: number }> {
  const queries: Query[] = requests.map((r) => {
    if (!(r.rank >= 0 && r.rank < r.count)) throw new HostplanError('invalid-value', `requests[${r.series}].rank`, `expected a rank in 0..${r.count - 1}, got ${r.rank}`, `0..${r.count - 1}`, r.rank);
    return { series: r.series, rank: r.rank, lo: r.min, hi: r.max, below: 0, inside: r.count, value: r.min === r.max ? r.min : null, collect: null, filled: 0, counts: null, mins: null, maxs: null, force: false };
  });
  let passes = 0;
  for (;;) {
    const pending = queries.filter((q) => q.value === null);
    if (pending.length === 0) return { values: queries.map((q) => q.value!), passes };
    const perQuery = Math.max(1024, Math.floor(budgetValues / pending.length));
    const bySeries = new Map<number, Query[]>();
    for (const q of pending) {
      if (q.inside <= perQuery || q.force) q.collect = new Float64Array(q.inside);
      else {
        q.counts = new Float64Array(BUCKETS);
        q.mins = new Float64Array(BUCKETS).fill(Infinity);
        q.maxs = new Float64Array(BUCKETS).fill(-Infinity);
      }
      q.filled = 0;
      const list = bySeries.get(q.series);
      if (list) list.push(q);
      else bySeries.set(q.series, [q]);
    }
    const sink: SeriesSink = {
      series() {},
      sample(index, _t, v) {
        const qs = bySeries.get(index);
        if (qs === undefined || !Number.isFinite(v)) return;
        for (const q of qs) {
          if (v < q.lo || v > q.hi) continue;
          if (q.collect) {
            if (q.filled < q.collect.length) q.collect[q.filled] = v;
            q.filled++;
          } else {
            const scaled = ((v * 0.5 - q.lo * 0.5) / (q.hi * 0.5 - q.lo * 0.5)) * BUCKETS;
            const j = scaled >= BUCKETS ? BUCKETS - 1 : scaled > 0 ? Math.floor(scaled) : 0;
            q.counts![j]!++;
            if (v < q.mins![j]!) q.mins![j] = v;
            if (v > q.maxs![j]!) q.maxs![j] = v;
            q.filled++;
          }
        }
      },
    };
    await source(sink);
    passes++;
    for (const q of pending) {
      if (q.filled !== q.inside) {
        throw new HostplanError('invalid-value', 'source', `replay ${passes} of series ${q.series} gave ${q.filled} values in [${q.lo}, ${q.hi}] where the first pass counted ${q.inside}: the source is not replayable`, 'a deterministic source', q.filled);
      }
      const target = q.rank - q.below;
      if (q.collect) {
        const sorted = q.collect.sort();
        q.value = sorted[target]!;
        q.collect = null;
        continue;
      }
      let cum = 0;
      let j = 0;
      while (cum + q.counts![j]! <= target) cum += q.counts![j++]!;
      const inside = q.counts![j]!;
      const progressed = inside < q.inside;
      q.below += cum;
      q.lo = q.mins![j]!;
      q.hi = q.maxs![j]!;
      q.inside = inside;
      q.counts = q.mins = q.maxs = null;
      if (q.lo === q.hi) q.value = q.lo;
      else if (!progressed) q.force = true;
    }
  }
}
