import type { ReadIssue, SeriesSink } from '../../series/types.js';
import type { ResolvedStatsOptions } from '../options.js';
import { selectOrderStatistics } from '../selectOrderStatistics.js';
import { QuantileSketch } from '../sketch.js';
import { SpillFile } from '../spillFile.js';
import { EMPTY, type SeriesState } from './seriesState.js';
import { selectTaskInto, type SpillTask } from './spillSelection.js';
import { orderStatisticsScratch } from '../orderStatistics.js';

const MAX_CHUNK = 65_536;

/**
 * The values behind exact percentiles, for every series of a collector: kept in chunks while
 * they fit `memoryBudgetBytes` (chunks per series, grown by doubling; capacity counts against
 * the budget); beyond it written to the spill file and kept again; without a spill file (none,
 * or the file system refused it) dropped, into a sketch where one will be used.
 */
export class KeptValues {
  private bytes = 0;
  /** Values dropped from memory without a spill file: exact percentiles need replays. */
  dropped = false;
  /** Where values beyond the budget went, once they did. */
  spillFile: SpillFile | null = null;
  /** The spill file could not be created or written: values are dropped instead. */
  private spillFailed = false;
  /**
   * The memory the kept values' chunks are carved from, one after the other (`arenaBytes` of
   * it used), allocated once at the budget's size (its pages are touched only as they fill).
   * Once every kept value is in the spill file it is free again: the next run fills it from the
   * start, and the read-back of a series reuses it, so selection takes no memory beyond the
   * budget (arrays freed and allocated anew would wait for the garbage collector).
   */
  private arena: ArrayBuffer | null = null;
  private arenaBytes = 0;
  /** Scratch: one series' kept values made contiguous for selection. */
  private scratch: Float64Array = EMPTY;

  constructor(
    private readonly o: ResolvedStatsOptions,
    /** The collector's series (sparse, by index), read when every series is spilled or dropped. */
    private readonly states: readonly (SeriesState | undefined)[],
    /** The collector's issues: a failed spill file says so there. */
    private readonly issues: ReadIssue[],
  ) {}

  /** Whether dropped values go into sketches: the source cannot replay (the sketch gives the percentiles) or a sketch was asked for. */
  sketching(): boolean {
    return !this.o.replay || this.o.sketch !== false;
  }

  /**
   * Keeps `values[0..k)` of `s` while the budget allows; when it would not, writes every
   * series' kept values to the spill file and goes on keeping, or, without a spill file, drops
   * them (and sketches the rest). Chunks double from 256 to 65,536 values, so small series
   * waste little and large ones are never copied.
   */
  keep(s: SeriesState, values: Float64Array, k: number): void {
    if (this.dropped) {
      if (s.sketch) for (let i = 0; i < k; i++) s.sketch.add(values[i]!);
      return;
    }
    let i = 0;
    while (i < k) {
      if (s.values === null || s.fill === s.values.length) {
        const cap = s.values === null ? 256 : Math.min(MAX_CHUNK, s.values.length * 2);
        if (this.bytes + cap * 8 > this.o.memoryBudgetBytes && !this.spillRun()) {
          this.drop();
          if (s.sketch) for (; i < k; i++) s.sketch.add(values[i]!);
          return;
        }
        if (s.values !== null) s.chunks.push(s.values);
        s.values = this.chunk(cap);
        s.fill = 0;
        this.bytes += cap * 8;
      }
      // a copy (-0 stays -0: selection may answer either zero, and results report 0), value by
      // value: a subarray view per block would be garbage (hundreds of thousands on a large log)
      const take = Math.min(k - i, s.values.length - s.fill);
      const into = s.values;
      for (let j = 0, at = s.fill; j < take; j++, at++) into[at] = values[i + j]!;
      i += take;
      s.n += take;
      s.fill += take;
    }
  }

  /** The first `count` values kept for `s`, in order (from the spill file, then memory), in a new array. */
  firstValues(s: SeriesState, count: number): Float64Array {
    const out = new Float64Array(count);
    let at = 0;
    const file = this.spillFile;
    if (file && file.count(s.index) > 0) {
      const spilled = new Float64Array(file.count(s.index));
      file.read(s.index, spilled);
      at = Math.min(count, spilled.length);
      out.set(spilled.subarray(0, at));
    }
    const inMemory = s.values === null ? s.chunks : [...s.chunks, s.values.subarray(0, s.fill)];
    for (const chunk of inMemory) {
      if (at >= count) break;
      const take = Math.min(count - at, chunk.length);
      out.set(chunk.subarray(0, take), at);
      at += take;
    }
    return out;
  }

  /** The kept values of a series as one array: its only chunk, or the chunks copied into a scratch array reused from series to series. */
  gather(s: SeriesState): Float64Array {
    if (s.values === null) return EMPTY;
    if (s.chunks.length === 0) return s.values.subarray(0, s.fill);
    if (this.scratch.length < s.n) this.scratch = new Float64Array(s.n);
    let at = 0;
    for (const c of s.chunks) {
      this.scratch.set(c, at);
      at += c.length;
    }
    this.scratch.set(s.values.subarray(0, s.fill), at);
    return this.scratch.subarray(0, s.n);
  }

  /**
   * Writes every series' kept values to the spill file (opened on first use), one gather write
   * a series, and empties them; a sketch asked for gets them once they are written. False when there is no spill
   * file or the file system refuses: the failure is reported once as an issue, and each value
   * is then either in the file or still kept, never both.
   */
  spillRun(): boolean {
    if (this.o.spillDirectory === false || this.spillFailed) return false;
    try {
      const file = (this.spillFile ??= SpillFile.open(this.o.spillDirectory));
      for (const s of this.states) {
        if (s === undefined || s.values === null) continue;
        // one gather write a series: its full chunks and the one it is filling
        const parts = [...s.chunks, s.values.subarray(0, s.fill)];
        file.appendParts(s.index, parts);
        if (this.o.sketch !== false) {
          const sketch = (s.sketch ??= new QuantileSketch(this.o.sketch));
          for (const part of parts) for (let i = 0; i < part.length; i++) sketch.add(part[i]!);
        }
        s.chunks.length = 0;
        s.values = null;
        s.fill = 0;
        s.n = 0;
      }
      this.bytes = 0;
      this.arenaBytes = 0;
      return true;
    } catch (e) {
      this.abandonSpill(e);
      return false;
    }
  }

  /** A chunk of `capacity` values: the arena's next free part, or its own array when the arena is full (a budget below one chunk). */
  private chunk(capacity: number): Float64Array {
    this.arena ??= new ArrayBuffer(Math.floor(this.o.memoryBudgetBytes / 8) * 8);
    const bytes = capacity * 8;
    if (this.arenaBytes + bytes > this.arena.byteLength) return new Float64Array(capacity);
    const chunk = new Float64Array(this.arena, this.arenaBytes, capacity);
    this.arenaBytes += bytes;
    return chunk;
  }

  /**
   * After a failed write: reports it, reads what was written into sketches when they will give
   * the percentiles and did not get those values on their way out, and closes the file.
   */
  private abandonSpill(error: unknown): void {
    this.spillFailed = true;
    const file = this.spillFile;
    this.spillFile = null;
    const dir = this.o.spillDirectory === false ? '' : this.o.spillDirectory;
    const reason = error instanceof Error ? error.message : String(error);
    const instead = this.o.replay ? 'exact percentiles re-read the source instead' : 'percentiles come from the sketch instead';
    this.issues.push({ file: dir, line: 0, column: 0, code: 'spill-failed', severity: 'warning', message: `cannot write the spill file for values beyond memoryBudgetBytes in ${dir} (${reason}): ${instead}` });
    if (!file) return;
    try {
      if (this.sketching() && this.o.sketch === false) {
        for (const s of this.states) {
          if (s === undefined || file.count(s.index) === 0) continue;
          const sketch = (s.sketch ??= new QuantileSketch(0.01));
          file.forEachPiece(s.index, 1 << 16, (v, n) => {
            for (let i = 0; i < n; i++) sketch.add(v[i]!);
          });
        }
      }
    } finally {
      file.close();
    }
  }

  /**
   * Drops the kept values. They go into a sketch only when the sketch will be used: the
   * source cannot replay (the sketch gives the percentiles) or a sketch was asked for.
   */
  drop(): void {
    this.dropped = true;
    const sketching = this.sketching();
    const accuracy = this.o.sketch === false ? 0.01 : this.o.sketch;
    for (const s of this.states) {
      if (s === undefined) continue;
      if (sketching) {
        s.sketch ??= new QuantileSketch(accuracy);
        const kept = this.gather(s);
        for (let i = 0; i < kept.length; i++) s.sketch.add(kept[i]!);
      }
      s.chunks.length = 0;
      s.values = null;
      s.fill = 0;
      s.n = 0;
    }
    this.bytes = 0;
    this.arena = null;
    this.arenaBytes = 0;
  }

  /**
   * Once values went to the spill file: writes the values still in memory, and lists what to
   * select per series, where its values lie in the file ({@link SpillTask}). Null when nothing
   * was spilled, or when the last write failed: the values are then dropped. Series that
   * `mirrored` names keep no values and are passed over.
   */
  spilledTasks(ranksOf: (count: number) => number[], mirrored: (s: SeriesState) => boolean): SpillTask[] | null {
    if (!this.spillFile) return null;
    if (!this.spillRun() || !this.spillFile) {
      this.drop();
      return null;
    }
    const file = this.spillFile;
    const tasks: SpillTask[] = [];
    for (const s of this.states) {
      if (s === undefined || mirrored(s)) continue;
      const m = s.moments.summary();
      if (m.count === 0) continue;
      if (file.count(s.index) !== m.count) throw new Error(`spill file: series ${s.index} has ${file.count(s.index)} values, expected ${m.count}`);
      tasks.push({ series: s.index, ranks: ranksOf(m.count), count: m.count, min: m.min === 0 ? 0 : m.min, max: m.max === 0 ? 0 : m.max, runs: file.runsOf(s.index) });
    }
    return tasks;
  }

  /**
   * The exact order statistics of the tasks' series ({@link spilledTasks}), by `series:rank`:
   * each series is read back into the memory of the WebAssembly bucket passes (grown to the
   * largest series, within the budget) or, without WebAssembly, into one array reused from series
   * to series (the arena, free once every value is in the file, so memory stays within the
   * budget) and its ranks selected; a series larger than the budget by itself is narrowed with
   * histograms over its values read in pieces ({@link selectOrderStatistics}).
   */
  async selectTasks(tasks: Iterable<SpillTask>): Promise<Map<string, number>> {
    const arena = this.arena ? new Float64Array(this.arena) : EMPTY;
    const exact = new Map<string, number>();
    const file = this.spillFile!;
    const budgetValues = this.budgetValues();
    const buckets = orderStatisticsScratch(true);
    for (const t of tasks) {
      if (t.count <= budgetValues) {
        if (!buckets.wasm && arena.length < t.count && this.scratch.length < t.count) this.scratch = new Float64Array(t.count);
        const into = buckets.wasm ? buckets.wasm.values(t.count) : arena.length >= t.count ? arena : this.scratch;
        selectTaskInto(t, into.subarray(0, file.read(t.series, into)), exact, buckets);
        continue;
      }
      this.scratch = EMPTY; // the pieces and histograms take the budget instead
      const s = this.states[t.series]!;
      const m = s.moments.summary();
      const requests = t.ranks.map((rank) => ({ series: 0, rank, count: m.count, min: m.min, max: m.max }));
      const source = (sink: SeriesSink) => {
        sink.series(0, s.key);
        file.forEachPiece(s.index, Math.max(1024, budgetValues >>> 2), (v, n) => {
          for (let i = 0; i < n; i++) sink.sample(0, 0, v[i]!);
        });
      };
      const selected = (await selectOrderStatistics(source, requests, budgetValues >>> 1)).values;
      t.ranks.forEach((rank, i) => exact.set(`${s.index}:${rank}`, selected[i]!));
    }
    this.scratch = EMPTY;
    return exact;
  }

  /** The most values of one series read back whole (the budget's worth). */
  budgetValues(): number {
    return Math.max(1, Math.floor(this.o.memoryBudgetBytes / 8));
  }

  /** Closes and removes the spill file, if any. Idempotent. */
  close(): void {
    this.spillFile?.close();
  }
}
