/**
 * The sustained peak's windows over a block of rows shared by many series (the statistics
 * collector's row matrix): which rows each row's window starts at depends only on the rows'
 * times, so it is found once per block here ({@link plan}), and each series then only sums its
 * values ({@link SustainedPeakTracker.addRows}): prefix sums of the block, started afresh at each
 * block (so their rounding error stays that of a block, not of the run), a window's sum the
 * difference of two of them.
 *
 * Rows are extended with the history: the rows before the block that a window of the block can
 * still hold (time > first time - W), at indices 0..hist-1; the block's row r is at hist + r.
 * A series' window samples carried from the previous block are mapped onto the history rows by
 * their times (a history row it has no sample at counts as missing: value 0, not counted), or,
 * when it folded the previous block by the plan with every row of its last window present,
 * taken as the history rows without comparing times ({@link carryAll}).
 *
 * The plan is usable (`ok`) when the block's times strictly increase, from the history's last
 * one on, with no step over the run's maximal gap (else every series folds the block sample by
 * sample), and the history is at most 4 blocks long (a window of many blocks: mapping the
 * carried samples would cost more than it saves).
 */
export class RowWindows {
  /** The block's rows and their times (the caller's array). */
  rows = 0;
  times: Float64Array = new Float64Array(0);
  /** History rows before the block (see the class comment). */
  hist = 0;
  /** Whether the block can be folded with the plan (see the class comment). */
  ok = false;
  /** Times of the history rows, then of the block's rows. */
  ext = new Float64Array(256);
  /** Per block row r: the extended index of its window's first row (time > times[r] - W). */
  heads = new Int32Array(128);
  /** Per extended row x: the first block row whose window starts after it (rows: none), where a missing row x leaves the windows. */
  past = new Int32Array(257);
  /** Scratch of one series: extended rows' values (0 when missing) and presence. */
  vals = new Float64Array(256);
  pres = new Uint8Array(256);
  /** Scratch of one series: prefix sums of the extended rows' values, sums[x] over rows 0..x-1. */
  sums = new Float64Array(257);
  /** Scratch of one series: its missing extended rows, ascending (`missCount` of them). */
  miss = new Int32Array(257);
  missCount = 0;
  /** Blocks planned: the current one's number. */
  seq = 0;
  /** Results of a kernel: the peak, the row that gave it (-1: none new), covered windows. */
  peak = -Infinity;
  peakRow = -1;
  windows = 0;
  /** History kept for the next block: times that strictly increase, the last ones within W of the block's end. */
  private kept = new Float64Array(256);
  private keptCount = 0;

  constructor(
    readonly windowMs: number,
    readonly maxGapMs: number,
  ) {}

  /** Plans the block of `rows` rows at `times[0..rows)`, which follows the rows planned before. */
  plan(times: Float64Array, rows: number): void {
    this.times = times;
    this.rows = rows;
    this.seq++;
    const W = this.windowMs;
    let ok = rows > 0;
    for (let r = 1; r < rows && ok; r++) ok = times[r]! > times[r - 1]! && times[r]! - times[r - 1]! <= this.maxGapMs;
    let count = this.keptCount;
    // history only before a block that moves on from it; otherwise none is kept
    if (count > 0 && !(rows > 0 && times[0]! > this.kept[count - 1]!)) {
      ok = false;
      count = 0;
    }
    let from = 0;
    if (rows > 0) while (from < count && this.kept[from]! <= times[0]! - W) from++;
    const hist = count - from;
    if (this.ext.length < hist + rows) this.grow(hist + rows);
    if (this.heads.length < rows) this.heads = new Int32Array(rows);
    const ext = this.ext;
    ext.set(this.kept.subarray(from, count), 0);
    ext.set(times.subarray(0, rows), hist);
    this.hist = hist;
    this.ok = ok && hist <= 4 * rows;
    if (this.ok) {
      const { heads, past } = this;
      for (let r = 0, x = 0, y = 0; r < rows; r++) {
        const cut = times[r]! - W;
        while (ext[x]! <= cut) x++;
        heads[r] = x;
        while (y < x) past[y++] = r;
      }
      for (let y = heads[rows - 1]!; y <= hist + rows; y++) past[y] = rows;
    }
    this.keep(hist + rows);
  }

  /** Keeps as history the last rows of `ext[0..n)` in strictly increasing time within W of the last. */
  private keep(n: number): void {
    const ext = this.ext;
    let from = n;
    if (n > 0) {
      const cut = ext[n - 1]! - this.windowMs;
      from = n - 1;
      while (from > 0 && ext[from - 1]! > cut && ext[from - 1]! < ext[from]!) from--;
    }
    if (this.kept.length < n - from) this.kept = new Float64Array(2 * (n - from));
    this.kept.set(ext.subarray(from, n), 0);
    this.keptCount = n - from;
  }

  private grow(n: number): void {
    const size = 2 * n;
    this.ext = new Float64Array(size);
    this.past = new Int32Array(size + 1);
    this.vals = new Float64Array(size);
    this.pres = new Uint8Array(size);
    this.sums = new Float64Array(size + 1);
    this.miss = new Int32Array(size + 1);
  }

  /**
   * Maps a series' window samples carried from before the block (a ring buffer: times `ts`,
   * values `vs`, samples head..tail-1 mod mask + 1; none when `fresh`, a new run at the block's
   * first sample) onto the history rows, with their prefix sums and missing rows. False when a
   * carried sample a window of the block holds is at no history row's time (it came from elsewhere).
   */
  carry(ts: Float64Array, vs: Float64Array, head: number, tail: number, mask: number, fresh: boolean): boolean {
    const { ext, vals, pres, sums, miss } = this;
    let x = this.hist - 1;
    if (!fresh) {
      const cut = this.times[0]! - this.windowMs;
      for (let i = tail - 1; i >= head; i--) {
        const t = ts[i & mask]!;
        if (t <= cut) break;
        while (x >= 0 && ext[x]! > t) {
          vals[x] = 0;
          pres[x--] = 0;
        }
        if (x < 0 || ext[x] !== t) return false;
        vals[x] = vs[i & mask]!;
        pres[x--] = 1;
      }
    }
    for (; x >= 0; x--) {
      vals[x] = 0;
      pres[x] = 0;
    }
    let p = 0;
    let m = 0;
    for (let y = 0; y < this.hist; y++) {
      sums[y + 1] = p += vals[y]!;
      if (pres[y] === 0) miss[m++] = y;
    }
    this.missCount = m;
    return true;
  }

  /**
   * {@link carry} for a series whose window samples are the history rows, every one (it folded
   * the previous block by the plan, had all the rows of its last window and the last row, and
   * took nothing since): its last `hist` samples, values `vs` up to `tail` (mod mask + 1).
   */
  carryAll(vs: Float64Array, tail: number, mask: number): void {
    const { vals, pres, sums } = this;
    const hist = this.hist;
    let p = 0;
    for (let x = 0, i = tail - hist; x < hist; x++, i++) {
      const v = vs[i & mask]!;
      vals[x] = v;
      pres[x] = 1;
      sums[x + 1] = p += v;
    }
    this.missCount = 0;
  }

  /**
   * Notes the block's rows without a sample among `times[0..k)` (k < rows; the times are some of
   * the rows', in order, as the row matrix's present values have) as missing, after the
   * history's: each stretch of missing rows found by a binary search (the samples before it are
   * at row = index + rows missed so far). False when a step between present samples is longer
   * than the maximal gap (the first sample's from the previous block's is the caller's to check).
   */
  mark(times: Float64Array, k: number): boolean {
    const { hist, rows, miss } = this;
    const rowTimes = this.times;
    let m = this.missCount;
    let missed = 0;
    let lo = 0;
    while (missed < rows - k) {
      // the first sample after lo not at row index + missed: rows before its own are missing
      let a = lo;
      let b = k;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (times[mid] === rowTimes[mid + missed]) a = mid + 1;
        else b = mid;
      }
      const t = a < k ? times[a]! : Infinity;
      for (let r = a + missed; r < rows && rowTimes[r]! < t; r++, missed++) miss[m++] = hist + r;
      if (a > 0 && a < k && t - times[a - 1]! > this.maxGapMs) return false;
      lo = a + 1;
    }
    this.missCount = m;
    return true;
  }

  /** The window of block row `last` (present) holds how many samples: its rows less the missing ones. */
  windowCount(last: number): number {
    const end = this.hist + last + 1;
    const h = this.heads[last]!;
    let n = end - h;
    for (let i = 0; i < this.missCount; i++) if (this.miss[i]! >= h && this.miss[i]! < end) n--;
    return n;
  }

  /**
   * Writes the samples of the window of block row `last` (the block's last present sample,
   * `ts[k - 1]`) into `outTs`, `outVs` from index 0 (large enough: {@link windowCount}), in
   * time order: the history's present rows, then the block's last present samples `ts`, `vs`.
   * Returns their sum, added in order.
   */
  windowOf(last: number, ts: Float64Array, vs: Float64Array, k: number, outTs: Float64Array, outVs: Float64Array): number {
    const { hist, ext, vals, pres, miss } = this;
    const end = hist + last + 1;
    const h = this.heads[last]!;
    let at = 0;
    let sum = 0;
    for (let x = h; x < hist; x++) {
      if (pres[x] === 0) continue;
      outTs[at] = ext[x]!;
      sum += outVs[at++] = vals[x]!;
    }
    const inBlock = Math.max(h, hist);
    let m = end - inBlock;
    for (let i = 0; i < this.missCount; i++) if (miss[i]! >= inBlock && miss[i]! < end) m--;
    for (let j = k - m; j < k; j++) {
      outTs[at] = ts[j]!;
      sum += outVs[at++] = vs[j]!;
    }
    return sum;
  }
}
