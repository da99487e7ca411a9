import type { ReadIssue, SeriesKey, SeriesSink } from '../series/types.js';
import { MomentsAccumulator, momentsStandardDeviation } from './moments.js';
import type { ResolvedStatsOptions } from './options.js';
import { interpolate7, quantileRank, quantileSorted7 } from './quantile.js';
import { selectRanks } from './selectRanks.js';
import { BucketMeanTracker, DailyPeakTracker, WindowPeakTracker } from './rollup.js';
import { QuantileSketch } from './sketch.js';
import { SustainedPeakTracker } from './sustainedPeak.js';
import { thresholdMatches, ThresholdTracker, type ThresholdAlert } from './thresholds.js';
import type { OrderStatisticRequest } from './selectOrderStatistics.js';
import type { PercentileMap, SeriesStats, StatsMethod } from './types.js';

const MAX_STEPS = 64;

/** Per-series streaming state. */
class SeriesState {
  readonly moments = new MomentsAccumulator();
  missing = 0;
  values: Float64Array | null = null;
  n = 0;
  sketch: QuantileSketch | null = null;
  first = Infinity;
  last = -Infinity;
  readonly steps = new Map<number, number>();
  /** The current rounded step and the raw range [stepLo, stepHi) that rounds to it. */
  step = NaN;
  stepLo = 0;
  stepHi = -1;
  stepCount = 0;
  readonly sustained: SustainedPeakTracker;
  readonly thresholds: ThresholdTracker[];
  readonly rollup: WindowPeakTracker | null;
  readonly daily: DailyPeakTracker | null;
  readonly buckets: BucketMeanTracker | null;

  constructor(readonly index: number, readonly key: SeriesKey, o: ResolvedStatsOptions) {
    this.sustained = new SustainedPeakTracker(o.windowMs, o.maxGapMs);
    const english = o.canonicalKey(key);
    this.thresholds = o.thresholds.filter((r) => thresholdMatches(r, english)).map((r) => new ThresholdTracker(r, index, key.path, o.maxGapMs, o.maxAlertsPerRule));
    this.rollup = o.rollupMs === null ? null : new WindowPeakTracker(o.rollupMs);
    this.daily = o.dailyPeaks ? new DailyPeakTracker() : null;
    this.buckets = o.align && o.align(key) ? new BucketMeanTracker(o.alignMs) : null;
  }

  flushStep(): void {
    if (this.stepCount === 0) return;
    const c = this.steps.get(this.step);
    if (c !== undefined) this.steps.set(this.step, c + this.stepCount);
    else if (this.steps.size < MAX_STEPS) this.steps.set(this.step, this.stepCount);
    this.stepCount = 0;
  }

  intervalMs(): number | null {
    this.flushStep();
    let best: number | null = null;
    let bestCount = 0;
    for (const [step, c] of this.steps) if (c > bestCount || (c === bestCount && best !== null && step < best)) [best, bestCount] = [step, c];
    return best;
  }
}

/**
 * The streaming half of {@link seriesStatistics}: a {@link SeriesSink} that keeps, per series,
 * mergeable moments, the sustained-peak window, threshold runs, roll-up and daily peaks, and
 * the values themselves while they fit `memoryBudgetBytes` (a Float64Array per series, grown
 * by doubling; capacity counts against the budget). When the budget would be exceeded, every
 * series drops its values into a sketch ("spills") and the exact percentiles need replays.
 * Memory after a spill: O(series x (window + buckets)), independent of the sample count.
 *
 * @example
 * const c = new StatsCollector(resolveStatsOptions());
 * await source(c);
 * const stats = c.finish(new Map()); // when c.pendingRanks() is empty
 */
export class StatsCollector implements SeriesSink {
  private readonly states: SeriesState[] = [];
  private bytes = 0;
  /** Values no longer all in memory. */
  spilled = false;
  readonly issues: ReadIssue[] = [];

  constructor(private readonly o: ResolvedStatsOptions) {}

  series(index: number, key: SeriesKey): void {
    if (this.states[index] !== undefined) return;
    const s = new SeriesState(index, key, this.o);
    if (this.spilled && this.sketching()) s.sketch = new QuantileSketch(this.o.sketch === false ? 0.01 : this.o.sketch);
    this.states[index] = s;
  }

  private sketching(): boolean {
    return !this.o.replay || this.o.sketch !== false;
  }

  sample(index: number, t: number, v: number): void {
    const s = this.states[index];
    if (s === undefined) return;
    const last = s.last;
    if (t > last) {
      if (last !== -Infinity) {
        const step = t - last;
        if (!(step >= s.stepLo && step < s.stepHi)) {
          s.flushStep();
          const unit = 10 ** (Math.floor(Math.log10(step)) - 1);
          s.step = Math.round(step / unit) * unit;
          s.stepLo = s.step - unit / 2;
          s.stepHi = s.step + unit / 2;
        }
        s.stepCount++;
      }
      s.last = t;
    }
    if (t < s.first) s.first = t;
    if (!Number.isFinite(v)) {
      s.missing++;
      return;
    }
    s.moments.add(v);
    if (!this.spilled) this.keep(s, v);
    else if (s.sketch) s.sketch.add(v);
    s.sustained.add(t, v);
    const th = s.thresholds;
    for (let i = 0; i < th.length; i++) th[i]!.add(t, v);
    s.rollup?.add(t, v);
    s.daily?.add(t, v);
    s.buckets?.add(t, v);
  }

  issue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  private keep(s: SeriesState, v: number): void {
    if (s.values === null || s.n === s.values.length) {
      const cap = s.values === null ? 256 : s.values.length * 2;
      const grow = (cap - (s.values?.length ?? 0)) * 8;
      if (this.bytes + grow > this.o.memoryBudgetBytes) {
        this.spill();
        s.sketch?.add(v);
        return;
      }
      const next = new Float64Array(cap);
      if (s.values) next.set(s.values);
      s.values = next;
      this.bytes += grow;
    }
    s.values[s.n++] = v === 0 ? 0 : v; // -0 as 0: selection does not order signed zeros
  }

  /**
   * Drops the kept values. They go into a sketch only when the sketch will be used: the
   * source cannot replay (the sketch gives the percentiles) or a sketch was asked for.
   */
  private spill(): void {
    this.spilled = true;
    const sketching = this.sketching();
    const accuracy = this.o.sketch === false ? 0.01 : this.o.sketch;
    for (const s of this.states) {
      if (s === undefined) continue;
      if (sketching) {
        s.sketch = new QuantileSketch(accuracy);
        for (let i = 0; i < s.n; i++) s.sketch.add(s.values![i]!);
      }
      s.values = null;
      s.n = 0;
    }
    this.bytes = 0;
  }

  /** The order statistics the exact two-pass path must find (empty unless spilled). */
  pendingRanks(): OrderStatisticRequest[] {
    if (!this.spilled) return [];
    const out: OrderStatisticRequest[] = [];
    for (const s of this.states) {
      if (s === undefined) continue;
      const m = s.moments.summary();
      if (m.count === 0) continue;
      const ranks = new Set<number>();
      for (const p of this.o.percentiles) {
        const r = quantileRank(m.count, p / 100);
        ranks.add(r.lower).add(r.upper);
      }
      for (const rank of [...ranks].sort((a, b) => a - b)) out.push({ series: s.index, rank, count: m.count, min: m.min, max: m.max });
    }
    return out;
  }

  /** Closes open runs and builds the per-series statistics; `exact` holds the selected order statistics by `series:rank`. */
  finish(exact: ReadonlyMap<string, number> | null): { series: SeriesStats[]; alerts: ThresholdAlert[] } {
    const alerts: ThresholdAlert[] = [];
    const series: SeriesStats[] = [];
    for (const s of this.states) {
      if (s === undefined) continue;
      for (const th of s.thresholds) {
        th.finish();
        alerts.push(...th.alerts);
      }
      series.push(this.build(s, exact));
    }
    return { series, alerts };
  }

  private build(s: SeriesState, exact: ReadonlyMap<string, number> | null): SeriesStats {
    const m = s.moments.summary();
    const none = m.count === 0;
    let method: StatsMethod = 'in-memory';
    let quantile: (p: number) => number;
    if (!this.spilled) {
      const kept = s.values ? s.values.subarray(0, s.n) : new Float64Array(0);
      if (this.o.sketch !== false) {
        s.sketch = new QuantileSketch(this.o.sketch);
        for (const v of kept) s.sketch.add(v);
      }
      const ranks = this.o.percentiles.flatMap((p) => {
        const r = quantileRank(m.count, p / 100);
        return [r.lower, r.upper];
      });
      selectRanks(kept, ranks);
      quantile = (p) => {
        const r = quantileRank(m.count, p);
        return interpolate7(kept[r.lower]!, kept[r.upper]!, r.fraction, r.lower === r.upper);
      };
    } else if (exact) {
      method = 'two-pass';
      quantile = (p) => {
        const r = quantileRank(m.count, p);
        return interpolate7(exact.get(`${s.index}:${r.lower}`)!, exact.get(`${s.index}:${r.upper}`)!, r.fraction, r.lower === r.upper);
      };
    } else {
      method = 'sketch';
      quantile = (p) => s.sketch!.quantile(p);
    }
    const percentiles: Record<string, number | null> = {};
    for (const p of this.o.percentiles) percentiles[String(p)] = none ? null : quantile(p / 100);
    let rollup: SeriesStats['rollup'] = null;
    if (s.rollup) {
      const peaks = Float64Array.from(s.rollup.peaks()).sort();
      const rp: Record<string, number | null> = {};
      for (const p of this.o.percentiles) rp[String(p)] = peaks.length ? quantileSorted7(peaks, p / 100) : null;
      rollup = { windowMs: s.rollup.windowMs, windows: peaks.length, percentiles: rp };
    }
    const k = s.key;
    const stats: SeriesStats = {
      index: s.index, host: k.host, object: k.object, instance: k.instance, counter: k.counter, path: k.path, key: k,
      count: m.count, missing: s.missing,
      min: none ? null : m.min, max: none ? null : m.max, mean: none ? null : m.mean,
      stddev: momentsStandardDeviation(m), sum: none ? null : m.sum,
      p50: percentiles['50'] ?? null, p90: percentiles['90'] ?? null, p95: percentiles['95'] ?? null, p99: percentiles['99'] ?? null,
      percentiles: percentiles as PercentileMap,
      sustainedPeak: s.sustained.peak, sustainedPeakEndMs: s.sustained.peakEndMs, sustainedWindows: s.sustained.windows,
      firstMs: s.first === Infinity ? null : s.first, lastMs: s.last === -Infinity ? null : s.last, intervalMs: s.intervalMs(),
      exact: method !== 'sketch', method, rollup,
      timeOver: s.thresholds.map((th) => ({ rule: th.rule.id, ms: th.totalMs, runs: th.runs, alerts: th.alertCount })),
      moments: m,
      ...(this.o.sketch !== false && s.sketch && { sketch: s.sketch.toJSON() }),
      ...(s.daily && { dailyPeaks: s.daily.peaks() }),
      ...(s.buckets && { buckets: s.buckets.aligned() }),
    };
    s.values = null;
    return stats;
  }
}
