import { HostplanError } from '@hostplan/core/internal';
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
  /** The rank lies among the finite samples in [lo, hi]; `below` samples are < lo, `inside` in [lo, hi]. */
  lo: number;
  hi: number;
  below: number;
  inside: number;
  value: number | null;
  /** A histogram pass made no progress (subnormal widths): collect everything next. */
  force: boolean;
}

/** Queries of one series sharing one interval: one histogram or one collection per pass. */
interface Group {
  readonly series: number;
  readonly lo: number;
  readonly hi: number;
  readonly below: number;
  readonly inside: number;
  readonly queries: Query[];
  readonly collect: Float64Array | null;
  readonly counts: Uint32Array | null;
  readonly mins: Float64Array | null;
  readonly maxs: Float64Array | null;
  readonly buckets: number;
  /** Histogram index = floor((v / 2 - lo / 2) x scale); halves avoid overflow of hi - lo. */
  readonly halfLo: number;
  readonly scale: number;
  filled: number;
}

/**
 * Exact order statistics of series too large to keep in memory, by replaying a deterministic
 * source. Each pass narrows, per requested rank, the value interval [lo, hi] known to hold it
 * (starting from [min, max]) with a histogram (up to 4,096 buckets, fewer when many series
 * are pending, so that histograms fit the budget) recording each bucket's count, min and max;
 * the next interval is the tight [min, max] of the bucket holding the rank. Ranks of one
 * series sharing an interval share the histogram. As soon as an interval holds at most
 * `budgetValues / groups` values, one more pass collects them and selects exactly. An
 * interval whose bounds meet (repeated values) is answered without collecting. Each histogram
 * pass shrinks the candidates strictly, so it ends; on real counters it takes 1 to 3 replays.
 *
 * Memory: at most half of `budgetValues` doubles collected and a quarter in histograms per pass
 * (at least 1,024 values and 64 buckets per group). Time: one replay of the source per pass.
 * Reports -0 as 0.
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
  const queries: Query[] = requests.map((r, i) => {
    if (!(r.rank >= 0 && r.rank < r.count)) throw new HostplanError('invalid-value', `requests[${i}].rank`, `expected a rank in 0..${r.count - 1}, got ${r.rank}`, `0..${r.count - 1}`, r.rank);
    return { series: r.series, rank: r.rank, lo: r.min, hi: r.max, below: 0, inside: r.count, value: r.min === r.max ? r.min : null, force: false };
  });
  let passes = 0;
  for (;;) {
    const pending = queries.filter((q) => q.value === null);
    if (pending.length === 0) return { values: queries.map((q) => (q.value === 0 ? 0 : q.value!)), passes };
    const groups = groupQueries(pending, budgetValues);
    await source(replaySink(groups));
    passes++;
    settle(groups, passes);
  }
}

/**
 * The sink of one replay: each value of a series falls into the groups whose interval holds it.
 * Per series, the envelope of its groups' intervals: most samples of a narrowed series fall
 * outside it and are rejected with two comparisons (NaN fails them too). It stays empty until
 * the series is announced: the first pass skips values sent before that too.
 */
function replaySink(groups: readonly Group[]): SeriesSink {
  const bySeries: Group[][] = [];
  for (const g of groups) (bySeries[g.series] ??= []).push(g);
  const seriesLo = new Float64Array(bySeries.length).fill(Infinity);
  const seriesHi = new Float64Array(bySeries.length).fill(-Infinity);
  for (const g of groups) {
    if (g.lo < seriesLo[g.series]!) seriesLo[g.series] = g.lo;
    if (g.hi > seriesHi[g.series]!) seriesHi[g.series] = g.hi;
  }
  const envLo = new Float64Array(bySeries.length).fill(Infinity);
  const envHi = new Float64Array(bySeries.length).fill(-Infinity);
  const take = (index: number, v: number): void => {
    for (const g of bySeries[index]!) {
      if (v < g.lo || v > g.hi) continue;
      if (g.collect) {
        if (g.filled < g.collect.length) g.collect[g.filled] = v;
      } else {
        const scaled = (v * 0.5 - g.halfLo) * g.scale;
        const j = scaled >= g.buckets ? g.buckets - 1 : scaled > 0 ? Math.floor(scaled) : 0;
        g.counts![j]!++;
        if (v < g.mins![j]!) g.mins![j] = v;
        if (v > g.maxs![j]!) g.maxs![j] = v;
      }
      g.filled++;
    }
  };
  return {
    series(index) {
      if (index < envLo.length) {
        envLo[index] = seriesLo[index]!;
        envHi[index] = seriesHi[index]!;
      }
    },
    sample(index, _t, v) {
      if (v >= envLo[index]! && v <= envHi[index]!) take(index, v);
    },
    // whole rows: one call per row, most values rejected by the envelope test in this loop
    row(_t, values, count) {
      const n = Math.min(count, envLo.length);
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        if (v >= envLo[i]! && v <= envHi[i]!) take(i, v);
      }
    },
  };
}

/** After replay `passes`: each group's queries get their value (collected) or a narrower interval (histogram). */
function settle(groups: readonly Group[], passes: number): void {
  for (const g of groups) {
    if (g.filled !== g.inside) {
      throw new HostplanError('invalid-value', 'source', `replay ${passes} of series ${g.series} gave ${g.filled} values in [${g.lo}, ${g.hi}] where the first pass counted ${g.inside}: the source is not replayable`, 'a deterministic source', g.filled);
    }
    if (g.collect) {
      const sorted = g.collect.sort();
      for (const q of g.queries) q.value = sorted[q.rank - g.below]!;
      continue;
    }
    for (const q of g.queries) {
      const target = q.rank - g.below;
      let cum = 0;
      let j = 0;
      while (cum + g.counts![j]! <= target) cum += g.counts![j++]!;
      const inside = g.counts![j]!;
      q.force = inside >= g.inside;
      q.below = g.below + cum;
      q.lo = g.mins![j]!;
      q.hi = g.maxs![j]!;
      q.inside = inside;
      if (q.lo === q.hi) q.value = q.lo;
    }
  }
}

/** Groups pending queries by series and interval; sizes collections and histograms to the budget. */
function groupQueries(pending: readonly Query[], budgetValues: number): Group[] {
  const byKey = new Map<string, Query[]>();
  for (const q of pending) {
    const k = `${q.series}|${q.lo}|${q.hi}`;
    const list = byKey.get(k);
    if (list) list.push(q);
    else byKey.set(k, [q]);
  }
  // collections take at most half the budget and histograms a quarter (2.5 doubles per bucket),
  // so that one pass's arrays and the previous pass's (until collected) fit the budget together
  const perGroup = Math.max(1024, Math.floor(budgetValues / 2 / byKey.size));
  const buckets = Math.max(64, Math.min(4096, Math.floor(budgetValues / 4 / 2.5 / byKey.size)));
  return [...byKey.values()].map((qs) => {
    const q = qs[0]!;
    const collect = q.inside <= perGroup || qs.some((x) => x.force);
    return {
      series: q.series, lo: q.lo, hi: q.hi, below: q.below, inside: q.inside, queries: qs, filled: 0, buckets,
      halfLo: q.lo * 0.5, scale: buckets / (q.hi * 0.5 - q.lo * 0.5),
      collect: collect ? new Float64Array(q.inside) : null,
      counts: collect ? null : new Uint32Array(buckets),
      mins: collect ? null : new Float64Array(buckets).fill(Infinity),
      maxs: collect ? null : new Float64Array(buckets).fill(-Infinity),
    };
  });
}
