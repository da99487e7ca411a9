import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SustainedPeakTracker } from '../../src/stats/sustainedPeak.js';
import { foldAll, foldSome } from '../../src/stats/sustainedRowFolds.js';
import { RowWindows } from '../../src/stats/sustainedRows.js';

const STEP = 15_000;

/** A row step: mostly 15 s with 0-20 ms of jitter; sometimes the same time, back in time, or a gap. */
const stepArb = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 0, max: 20 }).map((j) => STEP + j) },
  { weight: 1, arbitrary: fc.constantFrom(0, -STEP, -7, 9 * STEP, 30 * STEP) },
);

/** What happens before a block: nothing, or one series gets a sample of its own (it leaves the rows' clock). */
type Own = { series: number; dtMs: number; value: number } | null;

/** A stream of row blocks: per block its row steps and, per series, a value per row (NaN = missing). */
function streamArb(series: number, value: fc.Arbitrary<number>) {
  const cell = fc.oneof({ weight: 30, arbitrary: value }, { weight: 1, arbitrary: fc.constant(NaN) });
  // one block in ten a series misses whole (a long run of missing values: a gap when longer than maxGapMs)
  const gone = fc.integer({ min: 0, max: 9 }).map((x) => x === 0);
  const block = fc.integer({ min: 1, max: 40 }).chain((rows) =>
    fc.record({
      steps: fc.array(stepArb, { minLength: rows, maxLength: rows }),
      // per series its values; a series may miss a whole block (a long run of missing values)
      values: fc.array(fc.tuple(gone, fc.array(cell, { minLength: rows, maxLength: rows })).map(([none, vs]) => (none ? vs.map(() => NaN) : vs)), { minLength: series, maxLength: series }),
      own: fc.oneof({ weight: 6, arbitrary: fc.constant(null as Own) }, { weight: 1, arbitrary: fc.record({ series: fc.integer({ min: 0, max: series - 1 }), dtMs: fc.integer({ min: -STEP, max: STEP }), value }) }),
    }),
  );
  return fc.array(block, { minLength: 1, maxLength: 25 });
}

type Block = { steps: number[]; values: number[][]; own: Own };

/**
 * Folds the stream two ways: every present sample by add() (the definition), and blocks as the
 * collector folds its row matrix (one plan per block, addRows per series, addAll when it
 * declines). Returns both trackers per series and how many series blocks addRows took.
 */
function foldBoth(blocks: Block[], series: number, windowMs: number, maxGapMs: number) {
  const byOne = Array.from({ length: series }, () => new SustainedPeakTracker(windowMs, maxGapMs));
  const byRows = Array.from({ length: series }, () => new SustainedPeakTracker(windowMs, maxGapMs));
  const plan = new RowWindows(windowMs, maxGapMs);
  let t = Date.UTC(2024, 0, 1);
  let taken = 0;
  for (const { steps, values, own } of blocks) {
    if (own !== null) {
      const at = t + own.dtMs;
      byOne[own.series]!.add(at, own.value);
      byRows[own.series]!.addAll(Float64Array.of(at), Float64Array.of(own.value), 1);
    }
    const times = Float64Array.from(steps, (d) => (t += d));
    plan.plan(times, times.length);
    values.forEach((column, i) => {
      const ts = new Float64Array(times.length);
      const vs = new Float64Array(times.length);
      let k = 0;
      column.forEach((v, r) => {
        if (Number.isNaN(v)) return;
        byOne[i]!.add(times[r]!, v);
        ts[k] = times[r]!;
        vs[k++] = v;
      });
      if (k === 0) return; // the collector folds no samples (SeriesState.fold)
      const present = k === times.length ? times : ts;
      if (byRows[i]!.addRows(plan, present, vs, k)) taken++;
      else byRows[i]!.addAll(present, vs, k);
    });
  }
  return { byOne, byRows, taken };
}

describe('foldAll and foldSome (the window sums of one series over a planned block)', () => {
  it('worked examples: 30 s window over rows at 0, 15, 30, 45 s; rows 2 and 3 covered', () => {
    const w = new RowWindows(30_000, 60_000);
    const times = Float64Array.of(0, 15_000, 30_000, 45_000);
    w.plan(times, 4);
    w.carryAll(new Float64Array(1), 0, 0);
    // windows (0, 30 s] = rows 1, 2: (2 + 3) / 2; (15, 45 s] = rows 2, 3: (3 + 4) / 2
    foldAll(w, Float64Array.of(1, 2, 3, 4), 2, -Infinity);
    expect([w.peak, w.peakRow, w.windows]).toEqual([3.5, 3, 2]);
    // against a peak of 4 no window beats it
    foldAll(w, Float64Array.of(1, 2, 3, 4), 2, 4);
    expect([w.peak, w.peakRow]).toEqual([4, -1]);
    // the next block's history: the row at 45 s, in the window of the row at 60 s
    w.plan(Float64Array.of(60_000, 75_000, 90_000, 105_000), 4);
    expect([w.ok, w.hist, [...w.heads.subarray(0, 4)]]).toEqual([true, 1, [0, 1, 2, 3]]);
    // row 1 missing: windows 3 / 1 and (3 + 4) / 2
    const next = new RowWindows(30_000, 60_000);
    next.plan(times, 4);
    next.carryAll(new Float64Array(1), 0, 0);
    expect(next.mark(Float64Array.of(0, 30_000, 45_000), 3)).toBe(true);
    foldSome(next, Float64Array.of(1, 3, 4), 2, -Infinity);
    expect([next.peak, next.peakRow, next.windows]).toEqual([3.5, 3, 2]);
  });
});

describe('SustainedPeakTracker.addRows (a row block planned once for all series by RowWindows)', () => {
  it('gives what add() gives sample by sample: the same peak, end and window count with exact sums (integer values), whatever the steps, gaps, missing values, block sizes and own samples (property)', () => {
    const args = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }));
    fc.assert(fc.property(streamArb(3, fc.integer({ min: -50, max: 1000 })), args, (blocks, [w, g]) => {
      const { byOne, byRows } = foldBoth(blocks, 3, w * STEP, g * STEP);
      byOne.forEach((a, i) => expect([byRows[i]!.peak, byRows[i]!.peakEndMs, byRows[i]!.windows]).toEqual([a.peak, a.peakEndMs, a.windows]));
    }), { numRuns: 300 });
  });

  it('gives what add() gives with fractional values, the peak within 1e-12 of the values\' magnitude and the window count exactly (property)', () => {
    const args = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }));
    fc.assert(fc.property(streamArb(3, fc.double({ min: -1e6, max: 1e6, noNaN: true })), args, (blocks, [w, g]) => {
      const { byOne, byRows } = foldBoth(blocks, 3, w * STEP, g * STEP);
      byOne.forEach((a, i) => {
        const b = byRows[i]!;
        expect(b.windows).toBe(a.windows);
        expect(b.peak === null).toBe(a.peak === null);
        if (a.peak !== null) expect(Math.abs(b.peak! - a.peak)).toBeLessThanOrEqual(1e-12 * 1e6 * 40);
      });
    }), { numRuns: 300 });
  });

  it('gives the same end as add() where window means tie but their sums round differently (tenths: equal means or apart by far more than 1e-13) (property)', () => {
    const args = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }));
    fc.assert(fc.property(streamArb(3, fc.integer({ min: 0, max: 30 }).map((x) => x / 10)), args, (blocks, [w, g]) => {
      const { byOne, byRows } = foldBoth(blocks, 3, w * STEP, g * STEP);
      byOne.forEach((a, i) => {
        const b = byRows[i]!;
        expect([b.peakEndMs, b.windows]).toEqual([a.peakEndMs, a.windows]);
        if (a.peak !== null) expect(Math.abs(b.peak! - a.peak)).toBeLessThanOrEqual(1e-12 * a.peak);
      });
    }), { numRuns: 300 });
  });

  it('takes every block of a regular log with sparse missing values, and then its own samples once they left the window', () => {
    // 2,000 rows at 15 s with 0-19 ms of jitter in blocks of 130, a 5-minute window (about 20 rows, spanning blocks);
    // series 0 misses every 97th value, series 1 gets a sample of its own after row 1,000
    const rows = 2000;
    const times = Float64Array.from({ length: rows }, (_, r) => Date.UTC(2024, 0, 1) + r * STEP + ((r * 7) % 20));
    const value = (i: number, r: number) => (i === 0 && r % 97 === 5 ? NaN : ((r * 31 + i * 17) % 101) + 0.25 * i);
    const blocks: Block[] = [];
    for (let r = 0; r < rows; r += 130) {
      const n = Math.min(130, rows - r);
      const steps = Array.from({ length: n }, (_, j) => (r + j === 0 ? times[0]! - Date.UTC(2024, 0, 1) : times[r + j]! - times[r + j - 1]!));
      blocks.push({ steps, values: [0, 1].map((i) => Array.from({ length: n }, (_, j) => value(i, r + j))), own: r === 1040 ? { series: 1, dtMs: 7_000, value: 50 } : null });
    }
    const { byOne, byRows, taken } = foldBoth(blocks, 2, 300_000, 450_000);
    // 16 blocks x 2 series; series 1 declines the one block whose windows hold its own sample
    expect(taken).toBe(2 * blocks.length - 1);
    byOne.forEach((a, i) => expect([byRows[i]!.peak, byRows[i]!.peakEndMs, byRows[i]!.windows]).toEqual([a.peak, a.peakEndMs, a.windows]));
  });
});
