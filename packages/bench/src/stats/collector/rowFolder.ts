import type { ResolvedStatsOptions } from '../options.js';
import type { SampleClock } from '../sampleClock.js';
import type { Declarations } from './declarations.js';
import type { KeptValues } from './keptValues.js';
import type { MirrorBook } from './mirrors.js';
import type { RowMatrix } from './rowMatrix.js';
import { RowWindows } from '../sustainedRows.js';
import { blockLength, EMPTY, type SeriesState } from './seriesState.js';

/**
 * The statistics collector's folding: the row matrix column by column, and a series' own block
 * of single samples, into the series' states (its trackers and kept values); mirrors and
 * declared series as {@link MirrorBook} and {@link Declarations} say. It owns the scratch
 * arrays a block's present samples are gathered in.
 */
export class RowFolder {
  /** Scratch: the present samples of the block being folded, their times and values. */
  private presentTimes: Float64Array = EMPTY;
  private presentValues: Float64Array = EMPTY;
  /** The sustained peak's windows of the row matrix's blocks, found once for all series. */
  private readonly windows: RowWindows;

  constructor(
    private readonly o: ResolvedStatsOptions,
    private readonly states: readonly (SeriesState | undefined)[],
    private readonly matrix: RowMatrix,
    private readonly rowClock: SampleClock,
    private readonly book: MirrorBook,
    private readonly decl: Declarations,
    private readonly kept: KeptValues,
  ) {
    this.windows = new RowWindows(o.windowMs, o.maxGapMs);
  }

  /** Grows the scratch arrays to `length` samples (a block or a matrix column). */
  scratchFor(length: number): void {
    if (this.presentTimes.length >= length) return;
    this.presentTimes = new Float64Array(length);
    this.presentValues = new Float64Array(length);
  }

  /**
   * Folds the row matrix: the shared clock advances once; per series, its own pending block
   * first (sample order), then its column's present values, with the matrix's times.
   */
  flushRows(): void {
    const m = this.matrix;
    const rows = m.rows;
    if (rows === 0) return;
    m.rows = 0;
    const width = m.width;
    const times = m.times;
    // series beyond this matrix's width get none of its rows (a declared one gets those its source gets): they leave the shared clock
    for (let i = width; i < this.states.length; i++) {
      const s = this.states[i];
      if (s !== undefined && s.clock === this.rowClock && (s.declared === null || s.declared.sourceIndex >= width)) s.clock = this.rowClock.clone();
    }
    m.warm(rows);
    this.book.check(m, rows);
    // the aligned bucket of each row, for every series that gets all of them
    const numbers = this.o.align === null ? null : m.bucketNumbers(this.o.alignMs, rows);
    this.windows.plan(times, rows);
    let sharedAdvanced = false;
    for (let i = 0; i < width; i++) {
      const s = this.states[i];
      if (s === undefined) continue;
      if (s.blockCount > 0) this.flush(s);
      if (s.clock === this.rowClock) {
        if (!sharedAdvanced) this.rowClock.advance(times, rows);
        sharedAdvanced = true;
      } else s.clock.advance(times, rows);
      const mirror = s.mirror;
      let k: number;
      // a mirror's values are read only for its thresholds; its present count is known
      if (mirror !== null && s.thresholds.length === 0) k = mirror.present;
      else if (s.mirroredBy.length === 0) k = m.presentOf(i, rows, this.presentTimes, this.presentValues);
      else {
        // the present count of its declared mirrors, before it folds (a mirror may end)
        k = m.presentPeakOf(i, rows, this.presentTimes, this.presentValues);
        this.book.guard(s, this.presentValues, k, m.peakAbs);
      }
      // every value present (the common case): the matrix's own times
      const present = k === rows ? times : this.presentTimes;
      if (mirror === null) this.fold(s, present, this.presentValues, k, rows - k, k === rows ? numbers : null, this.windows);
      else this.book.folded(s, present, this.presentValues, k, rows - k);
    }
    // the declared series, their values from their sources' columns (none: a mirror's count is known)
    for (const s of this.decl.states) {
      const { sourceIndex, scale, offset } = s.declared!;
      if (sourceIndex >= width) continue;
      if (s.clock === this.rowClock) {
        if (!sharedAdvanced) this.rowClock.advance(times, rows);
        sharedAdvanced = true;
      } else s.clock.advance(times, rows);
      const mirror = s.mirror;
      const k = mirror !== null && s.thresholds.length === 0 ? mirror.present : m.presentMappedOf(sourceIndex, rows, scale, offset, this.presentTimes, this.presentValues);
      const present = k === rows ? times : this.presentTimes;
      if (mirror === null) this.fold(s, present, this.presentValues, k, rows - k, k === rows ? numbers : null, this.windows);
      else this.book.folded(s, present, this.presentValues, k, rows - k);
    }
  }

  /** Gives a series its sample block, sized for `declared` series announced ({@link blockLength}). Returns 0, its fill. */
  allocate(s: SeriesState, declared: number): 0 {
    const size = blockLength(declared);
    s.blockTimes = new Float64Array(size);
    s.blockValues = new Float64Array(size);
    this.scratchFor(size);
    return 0;
  }

  /**
   * Folds a series' block into its state, in sample order (so the result is the one sample-by-
   * sample updates give), and empties it. Returns 0, the new fill.
   */
  flush(s: SeriesState): 0 {
    const n = s.blockCount;
    if (n === 0) return 0;
    s.blockCount = 0;
    const blockTimes = s.blockTimes;
    const blockValues = s.blockValues;
    s.clock.advance(blockTimes, n);
    // the present samples, in order
    const presentTimes = this.presentTimes;
    const presentValues = this.presentValues;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = blockValues[i]!;
      if (v - v === 0) {
        presentTimes[k] = blockTimes[i]!;
        presentValues[k++] = v;
      }
    }
    this.fold(s, presentTimes, presentValues, k, n - k);
    return 0;
  }

  /** Folds the present samples `times[0..k)`, `values[0..k)` of a series that mirrors none (a sample ends a mirror first) and `missing` missing ones. */
  private fold(s: SeriesState, times: Float64Array, values: Float64Array, k: number, missing: number, bucketNumbers: Float64Array | null = null, rows: RowWindows | null = null): void {
    s.fold(times, values, k, missing, bucketNumbers, rows);
    if (k > 0) this.kept.keep(s, values, k);
  }
}
