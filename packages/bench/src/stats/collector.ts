import type { ReadIssue, SeriesKey, SeriesSink } from '../series/types.js';
import type { ResolvedStatsOptions } from './options.js';
import { QuantileSketch } from './sketch.js';
import type { ThresholdAlert } from './thresholds.js';
import type { OrderStatisticRequest } from './selectOrderStatistics.js';
import { SampleClock } from './sampleClock.js';
import type { SeriesStats } from './types.js';
import { KeptValues } from './collector/keptValues.js';
import { Declarations } from './collector/declarations.js';
import { MirrorBook } from './collector/mirrors.js';
import { RowMatrix } from './collector/rowMatrix.js';
import { SeriesState } from './collector/seriesState.js';
import { RowFolder } from './collector/rowFolder.js';
import { closeAlertsOf, collectResults, pendingRanksOf } from './collector/results.js';
import { ranksOf, takeBucketsEarly } from './collector/seriesResult.js';
import type { SpillTask } from './collector/spillSelection.js';

/**
 * The streaming half of {@link seriesStatistics}: a {@link SeriesSink} that keeps, per series,
 * mergeable moments, the sustained-peak window, threshold runs, roll-up and daily peaks, and
 * the values themselves while they fit `memoryBudgetBytes` (chunks per series, grown by
 * doubling; capacity counts against the budget). When the budget would be exceeded, every
 * series' kept values go to a spill file in `spillDirectory` and keeping starts again,
 * so memory stays within the budget and the exact percentiles come from reading the file back
 * one series at a time ({@link selectSpilled}). Without a spill file (`spillDirectory: false`,
 * or the file system refused it) the values are dropped, into a sketch where one is needed,
 * and the exact percentiles need replays of the source ({@link pendingRanks}).
 * Memory: the budget plus O(series x (window + buckets)), independent of the sample count.
 *
 * Samples are folded in blocks (per series, or a matrix of whole rows); the block sizes and
 * the points where blocks are folded depend only on the calls received, so a collector that
 * keeps some series only (`keeps`, a shard of a parallel run) folds each of them exactly as a
 * collector of every series does.
 *
 * @example
 * const c = new StatsCollector(resolveStatsOptions());
 * try {
 *   await source(c);
 *   const stats = c.finish(await c.selectSpilled()); // when c.pendingRanks() is empty
 * } finally {
 *   c.close();
 * }
 */
export class StatsCollector implements SeriesSink {
  private readonly states: SeriesState[] = [];
  readonly issues: ReadIssue[] = [];
  private readonly kept: KeptValues;
  /** The series that keep no values of their own, being another's mapped. */
  private readonly book: MirrorBook;
  /** Rows not yet folded (the `row` fast path); series that got every row since their creation share `rowClock`, advanced once per matrix. */
  private readonly matrix = new RowMatrix();
  private readonly rowClock = new SampleClock();
  /** Folds the row matrix and the series' sample blocks into the series' states. */
  private readonly folder: RowFolder;
  /** Whether any sample or row has arrived: a series created later starts with its own clock. */
  private started = false;
  /** Series announced so far, kept or not (the highest index + 1): it sizes blocks and row matrices. */
  private declared = 0;
  /** Series announced that this collector does not keep (a shard's collector): announced once. */
  private readonly others = new Set<number>();
  /** The series declared, not sent (`SeriesSink.declares`). */
  private readonly decl = new Declarations();

  /**
   * @param o - resolved options
   * @param keeps - which series this collector computes (a shard of a parallel run); every
   *   series still counts for block sizes and flushes, so a kept series gets exactly the blocks
   *   a collector of every series gives it. Default: all.
   */
  constructor(private readonly o: ResolvedStatsOptions, private readonly keeps: ((index: number) => boolean) | null = null) {
    this.kept = new KeptValues(o, this.states, this.issues);
    this.book = new MirrorBook(o, this.kept);
    this.folder = new RowFolder(o, this.states, this.matrix, this.rowClock, this.book, this.decl, this.kept);
  }

  /** A hint that series `index`, announced next, holds series `sourceIndex`'s values mapped ({@link MirrorBook}). */
  mirrors(index: number, sourceIndex: number, scale: number, offset: number): void {
    this.book.hint(index, sourceIndex, scale, offset);
  }

  /**
   * Series `index`, announced next, is declared, not sent (`SeriesSink.declares`): this
   * collector derives its values from its source's column in each row. While it can, it keeps
   * it as a mirror of its source with no per-row work ({@link MirrorBook}); else (thresholds on
   * it, a mirror not allowed or ended, its source another shard's) it computes the column.
   */
  declares(index: number, sourceIndex: number, scale: number, offset: number): void {
    this.decl.declare(index, { sourceIndex, scale, offset });
    this.book.hint(index, sourceIndex, scale, offset);
  }

  /** The declaration of series `index` ends (`SeriesSink.revokes`): a mirror of it is checked from now on, or it folds what it is sent. */
  revokes(index: number): void {
    if (!this.decl.has(index)) return;
    if (this.matrix.rows > 0) this.folder.flushRows(); // the buffered rows gave it its values
    this.decl.revoke(index);
  }

  series(index: number, key: SeriesKey): void {
    if (this.states[index] !== undefined || this.others.has(index)) return;
    if (this.matrix.rows > 0) this.folder.flushRows(); // the buffered rows came before this series existed
    if (index >= this.declared) this.declared = index + 1;
    const declaration = this.decl.announce(index, (i) => this.states[i] !== undefined || this.others.has(i));
    if (this.keeps !== null && !this.keeps(index)) {
      this.others.add(index);
      return;
    }
    const s = new SeriesState(index, key, this.o, this.started ? new SampleClock() : this.rowClock);
    if (this.kept.dropped && this.kept.sketching()) s.sketch = new QuantileSketch(this.o.sketch === false ? 0.01 : this.o.sketch);
    this.states[index] = s;
    if (declaration !== null) this.decl.keep(s, declaration);
    this.book.attach(s, this.states, this.started);
  }

  sample(index: number, t: number, v: number): void {
    if (this.decl.has(index)) this.revokes(index); // a declared series' sample: the sender revoked it
    const s = this.states[index];
    if (s === undefined) {
      if (!this.others.has(index)) return;
      // another shard's sample: the same side effects as in a collector of every series
      if (this.matrix.rows > 0) this.folder.flushRows();
      this.started = true;
      return;
    }
    if (this.matrix.rows > 0) this.folder.flushRows();
    this.started = true;
    if (s.mirror !== null || s.mirroredBy.length > 0) this.book.endAround(s); // rows only are checked
    if (s.clock === this.rowClock) s.clock = this.rowClock.clone();
    let k = s.blockCount;
    if (k === s.blockValues.length) k = s.blockValues.length === 0 ? this.folder.allocate(s, this.declared) : this.folder.flush(s);
    s.blockTimes[k] = t;
    s.blockValues[k] = v;
    s.blockCount = k + 1;
  }

  /**
   * A whole row at one time (the PDH reader's fast path): copied into the row matrix, folded
   * series by series when the matrix is full. The same results as `count` {@link sample} calls.
   */
  row(t: number, values: Float64Array, count: number): void {
    if (count > this.decl.lowest) this.revokeCovered(count);
    const width = count < this.declared ? count : this.declared;
    const span = Math.min(this.decl.span(count), this.declared);
    const m = this.matrix;
    if ((width !== m.width || span !== m.span) && m.rows > 0) this.folder.flushRows();
    if (m.rows === 0) this.folder.scratchFor(m.begin(width, span));
    this.started = true;
    if (m.put(t, values, 0)) this.folder.flushRows();
  }

  /**
   * `rowCount` consecutive rows of `width` values, their times at `data[timesAt..]` and their
   * values row after row at `data[valuesAt..]` (a parallel run's shared block): the same as
   * one {@link row} call per row, copied into the row matrix as many rows at a time as fit
   * (or, a whole matrix of them, folded in place).
   */
  rowsAt(data: Float64Array, timesAt: number, valuesAt: number, rowCount: number, width: number): void {
    const m = this.matrix;
    if (width > this.decl.lowest) this.revokeCovered(width);
    const kept = width < this.declared ? width : this.declared;
    const span = Math.min(this.decl.span(width), this.declared);
    for (let done = 0; done < rowCount;) {
      if ((kept !== m.width || span !== m.span) && m.rows > 0) this.folder.flushRows();
      if (m.rows === 0) this.folder.scratchFor(m.begin(kept, span));
      this.started = true;
      // a whole matrix of rows laid out as the matrix lays them is folded where it is
      const whole = m.rows === 0 && kept === width && rowCount - done >= m.capacity;
      done += whole ? m.borrow(data, timesAt + done, valuesAt + done * width) : m.putMany(data, timesAt + done, valuesAt + done * width, rowCount - done, width);
      if (m.rows === m.capacity) this.folder.flushRows();
      m.giveBack();
    }
  }

  /** A row of `count` values covers declared series: they are revoked (the sender sends their values). */
  private revokeCovered(count: number): void {
    for (const index of this.decl.below(count)) this.revokes(index);
  }

  /** Folds every pending row and block, and derives the mirrors' statistics (before results are read). */
  private flushAll(): void {
    this.folder.flushRows();
    for (const s of this.states) if (s !== undefined) this.folder.flush(s);
    this.book.deriveAll();
  }

  issue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  /** The order statistics the exact two-pass path must find by replaying the source (empty unless values were dropped). */
  pendingRanks(): OrderStatisticRequest[] {
    this.flushAll();
    return this.kept.dropped ? pendingRanksOf(this.states, this.o) : [];
  }

  /**
   * The exact order statistics of every series once values went to the spill file, by
   * `series:rank` (the map {@link finish} takes), reading the file back one series at a time.
   * Null when nothing was spilled, or when the last write failed: the values are then dropped
   * and {@link pendingRanks} lists what a replay must find. With `handOver`, only the series
   * it returns (lazily: claimed as they come) are selected here, others by another thread
   * (the spill selection's hand-over): the
   * map then lacks them and the mirrors, which {@link completeSpilled} adds once merged.
   */
  async selectSpilled(handOver: ((tasks: SpillTask[], budgetValues: number, fd: number) => Iterable<SpillTask>) | null = null): Promise<Map<string, number> | null> {
    this.flushAll();
    const tasks = this.kept.spilledTasks((count) => ranksOf(this.o.percentiles, count), (s) => s.mirror !== null);
    if (tasks === null) return null;
    const exact = await this.kept.selectTasks(handOver ? handOver(tasks, this.kept.budgetValues(), this.kept.spillFile!.descriptor) : tasks);
    if (!handOver) this.completeSpilled(exact);
    return exact;
  }

  /** Adds the mirrors' order statistics (their sources' mapped) to a map of every other series' ({@link selectSpilled} with a hand-over, merged). */
  completeSpilled(exact: Map<string, number>): void {
    this.book.selectInto(exact, (count) => ranksOf(this.o.percentiles, count));
  }

  /** Closes and removes the spill file, if any. Idempotent; call it when done, also on errors. */
  close(): void {
    this.kept.close();
  }

  /** Closes the open threshold runs (the stream has ended) and lists every alert, series by series, as {@link finish} does. */
  closeAlerts(): ThresholdAlert[] {
    this.flushAll();
    return closeAlertsOf(this.states);
  }

  /** Computes every series' bucket means now, ahead of {@link finish} (the stream has ended). */
  takeBuckets(): void {
    this.flushAll();
    for (const s of this.states) if (s !== undefined) takeBucketsEarly(s);
  }

  /** Closes open runs and builds the per-series statistics; `exact` holds the selected order statistics by `series:rank`. */
  finish(exact: ReadonlyMap<string, number> | null): { series: SeriesStats[]; alerts: ThresholdAlert[] } {
    this.flushAll();
    return collectResults(this.states, this.o, this.kept, this.book, exact);
  }
}
