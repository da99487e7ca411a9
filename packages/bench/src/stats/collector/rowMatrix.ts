import { blockLength, EMPTY } from './seriesState.js';

/**
 * Whole rows buffered by the statistics collector before they are folded series by series:
 * their times, and their values row after row, `width` series a row. Its capacity in rows
 * depends only on the width ({@link blockLength}), so the rows fold in the same blocks
 * whoever buffers them (a collector of every series, or a parallel run's shard).
 */
export class RowMatrix {
  /** Times of the buffered rows, ms. */
  times: Float64Array = EMPTY;
  /** Values of the buffered rows, row after row, `width` a row. */
  values: Float64Array = EMPTY;
  /** Rows buffered. */
  rows = 0;
  /** Values a row (series 0..width-1). */
  width = 0;
  /** The width the rows stand for (declared series after the values: `SeriesSink.declares`); it sets the capacity. */
  span = 0;
  /** The largest magnitude of the present values {@link presentPeakOf} read last. */
  peakAbs = 0;

  /** Scratch: {@link bucketNumbers}. */
  private numbers: Float64Array = EMPTY;

  /** Rows it holds before it must be folded. */
  get capacity(): number {
    return this.times.length;
  }

  /**
   * Starts buffering rows of `width` values standing for `span` series (the matrix must be
   * empty); returns the capacity in rows, which depends on the span only (so rows without
   * their declared series fold in the blocks rows with them would).
   */
  begin(width: number, span = width): number {
    this.width = width;
    this.span = span;
    const capacity = blockLength(span);
    if (this.times.length !== capacity || this.values.length < capacity * width) {
      this.times = new Float64Array(capacity);
      this.values = new Float64Array(capacity * width);
    }
    return capacity;
  }

  /** Buffers a row of `width` values from `source[offset..]` at time `timestampMs`; true when the matrix is then full. */
  put(timestampMs: number, source: Float64Array, offset: number): boolean {
    const r = this.rows;
    const n = this.width;
    if (offset === 0 && source.length === n) this.values.set(source, r * n);
    else for (let i = 0, at = r * n; i < n; i++, at++) this.values[at] = source[offset + i]!;
    this.times[r] = timestampMs;
    return (this.rows = r + 1) === this.times.length;
  }

  /** The matrix's own arrays while it holds borrowed rows. */
  private own: { times: Float64Array; values: Float64Array } | null = null;

  /**
   * Holds, without copying, a full matrix of rows (capacity rows of `width` values) that
   * already lie as it lays them out: their times at `data[timesAt..]`, values row after row at
   * `data[valuesAt..]` (a parallel run's shared block). The matrix must be empty, begun;
   * {@link giveBack} after folding them. Returns the rows taken (the capacity).
   */
  borrow(data: Float64Array, timesAt: number, valuesAt: number): number {
    const capacity = this.times.length;
    this.own = { times: this.times, values: this.values };
    this.times = data.subarray(timesAt, timesAt + capacity);
    this.values = data.subarray(valuesAt, valuesAt + capacity * this.width);
    return (this.rows = capacity);
  }

  /** Returns to the matrix's own arrays after {@link borrow}, once its rows are folded (nothing to do otherwise). */
  giveBack(): void {
    if (this.own === null) return;
    this.times = this.own.times;
    this.values = this.own.values;
    this.own = null;
    this.rows = 0;
  }

  /**
   * Buffers as many as fit of `rowCount` rows of `sourceWidth` values (the first `width` of
   * each are kept), their times at `data[timesAt..]`, values at `data[valuesAt..]`; returns the
   * number of rows taken.
   */
  putMany(data: Float64Array, timesAt: number, valuesAt: number, rowCount: number, sourceWidth: number): number {
    const r = this.rows;
    const n = this.width;
    const take = Math.min(rowCount, this.times.length - r);
    if (n === sourceWidth) this.values.set(data.subarray(valuesAt, valuesAt + take * n), r * n);
    else for (let k = 0; k < take; k++) for (let i = 0; i < n; i++) this.values[(r + k) * n + i] = data[valuesAt + k * sourceWidth + i]!;
    this.times.set(data.subarray(timesAt, timesAt + take), r);
    this.rows = r + take;
    return take;
  }

  /** Sum of the values {@link warm} read (kept so that the reads are not optimised away). */
  private warmed = 0;

  /**
   * Reads one value in each 64-byte cache line of the first `rows` rows, in order, before their
   * columns are read one by one: a column walks the rows with a stride of the row's length, so
   * touching the matrix first (a block another thread just wrote, or fresh from memory) lets the
   * lines stream in instead of being waited for one stride at a time.
   */
  warm(rows: number): void {
    const values = this.values;
    const end = rows * this.width;
    let sum = 0;
    for (let at = 0; at < end; at += 8) sum += values[at]!;
    this.warmed = sum;
  }

  /** Math.floor(time / bucketMs) of each of the first `rows` rows' times (a scratch array, valid until the next call). */
  bucketNumbers(bucketMs: number, rows: number): Float64Array {
    if (this.numbers.length < rows) this.numbers = new Float64Array(this.times.length);
    for (let r = 0; r < rows; r++) this.numbers[r] = Math.floor(this.times[r]! / bucketMs);
    return this.numbers;
  }

  /**
   * The present (finite) values of column `column` in the first `rows` rows and their times,
   * in row order, into `presentTimes` and `presentValues`; returns how many. When every value
   * is present (the common case) `presentTimes` is not written: the matrix's {@link times} are
   * theirs.
   */
  presentOf(column: number, rows: number, presentTimes: Float64Array, presentValues: Float64Array): number {
    const width = this.width;
    const matrix = this.values;
    // every value is written where the next present one goes; a missing one (NaN) is then overwritten
    let k = 0;
    for (let r = 0, at = column; r < rows; r++, at += width) {
      const v = matrix[at]!;
      presentValues[k] = v;
      if (v - v === 0) k++;
    }
    if (k < rows) this.presentTimesOf(column, rows, presentTimes);
    return k;
  }

  /** {@link presentOf} (the same compaction; times written only when a value is missing), noting the largest magnitude of the present values in {@link peakAbs}. */
  presentPeakOf(column: number, rows: number, presentTimes: Float64Array, presentValues: Float64Array): number {
    const width = this.width;
    const matrix = this.values;
    let k = 0;
    let peak = 0;
    for (let r = 0, at = column; r < rows; r++, at += width) {
      const v = matrix[at]!;
      presentValues[k] = v;
      if (v - v === 0) {
        k++;
        if (v > peak) peak = v;
        else if (-v > peak) peak = -v;
      }
    }
    this.peakAbs = peak;
    if (k < rows) this.presentTimesOf(column, rows, presentTimes);
    return k;
  }

  /** The times of the present values of column `column` in the first `rows` rows, in row order, into `presentTimes`. */
  private presentTimesOf(column: number, rows: number, presentTimes: Float64Array): void {
    const width = this.width;
    const matrix = this.values;
    const times = this.times;
    for (let r = 0, j = 0, at = column; r < rows; r++, at += width) {
      const v = matrix[at]!;
      if (v - v === 0) presentTimes[j++] = times[r]!;
    }
  }

  /**
   * The present values of a declared series in the first `rows` rows, from its source's
   * column `column`: each present v as `(0 + v x scale) + offset`, when that is finite, with
   * its time, into `presentTimes` and `presentValues`; returns how many.
   */
  presentMappedOf(column: number, rows: number, scale: number, offset: number, presentTimes: Float64Array, presentValues: Float64Array): number {
    const width = this.width;
    const times = this.times;
    const matrix = this.values;
    let k = 0;
    for (let r = 0, at = column; r < rows; r++, at += width) {
      const v = 0 + matrix[at]! * scale + offset;
      if (v - v === 0) {
        presentTimes[k] = times[r]!;
        presentValues[k++] = v;
      }
    }
    return k;
  }
}
