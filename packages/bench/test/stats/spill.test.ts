import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { seriesStatistics, type SeriesStats } from '@hostplan/bench';
import { SpillFile } from '../../src/stats/spillFile.js';
import { key, memorySource, regular, type MemorySeries } from './memorySource.js';

// Values beyond memoryBudgetBytes go to a temporary file that is read back one series at a time
// (method 'spilled'): exact, one call to the source, nothing left on disk.

const root = mkdtempSync(join(tmpdir(), 'hostplan-spill-test-'));
/** A fresh, empty spill directory per test, so that what is left in it can be checked. */
const freshDir = () => mkdtempSync(join(root, 'd'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** The figures that must not depend on where the values were kept. */
const figures = (s: SeriesStats) => {
  const { method: _m, sketch: _s, ...rest } = s;
  return rest;
};

const seriesArb = fc.array(
  fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 600 }),
  { minLength: 1, maxLength: 4 },
);
const build = (arrays: number[][]): MemorySeries[] => arrays.map((a, i) => ({ key: key(`c${i}`), samples: regular(a, 15_000) }));

describe('seriesStatistics with a spill file', () => {
  it('gives exactly the in-memory figures, reading the source once, whatever the budget (property)', async () => {
    // 8 bytes: every series is larger than the budget by itself (histograms over pieces of the file);
    // 2 KiB: runs of 256 values, each series read back whole; 1 MiB: nothing spilled
    await fc.assert(fc.asyncProperty(seriesArb, fc.constantFrom(8, 2048, 1 << 20), fc.constantFrom([], [99.5], [12.5, 99.9]), async (arrays, budget, extra) => {
      const series = build(arrays);
      const inMemory = await seriesStatistics(memorySource(series), { percentiles: extra });
      const src = memorySource(series);
      const dir = freshDir();
      const spilled = await seriesStatistics(src, { percentiles: extra, memoryBudgetBytes: budget, spillDirectory: dir });
      expect(src.calls).toBe(1);
      expect(spilled.passes).toBe(1);
      expect(spilled.series.map(figures)).toEqual(inMemory.series.map(figures));
      const values = arrays.flat().filter(Number.isFinite).length;
      if (values * 8 > budget) expect(spilled.series.every((s) => s.count === 0 || s.method === 'spilled')).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    }), { numRuns: 60 });
  });

  it('selects exactly on 300,000 values of one series with a 64 KiB budget, and agrees with simple-statistics', async () => {
    const values = Array.from({ length: 300_000 }, (_, i) => 50 + ((i * 7919) % 100_003) / 1e3);
    const dir = freshDir();
    const r = await seriesStatistics(memorySource([{ key: key('lp'), samples: regular(values, 15_000) }]), { memoryBudgetBytes: 65_536, spillDirectory: dir });
    const sorted = [...values].sort((a, b) => a - b);
    const s = r.series[0]!;
    expect([s.method, s.exact, r.passes]).toEqual(['spilled', true, 1]);
    expect([s.p50, s.p90, s.p95, s.p99]).toEqual([0.5, 0.9, 0.95, 0.99].map((p) => quantileSorted(sorted, p)));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('feeds a requested sketch with every value, kept or spilled', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => 1 + i);
    const r = await seriesStatistics(memorySource([{ key: key('x'), samples: regular(values) }]), { memoryBudgetBytes: 4096, sketch: 0.01, spillDirectory: freshDir() });
    const s = r.series[0]!;
    expect(s.method).toBe('spilled');
    expect(s.sketch!.count).toBe(5000);
  });

  it('leaves nothing behind when the source fails half-way', async () => {
    const dir = freshDir();
    const failing = (sink: Parameters<Parameters<typeof seriesStatistics>[0]>[0]) => {
      sink.series(0, key('x'));
      for (let i = 0; i < 10_000; i++) sink.sample(0, i * 1000, i);
      throw new Error('disk gone');
    };
    await expect(seriesStatistics(failing, { memoryBudgetBytes: 4096, spillDirectory: dir })).rejects.toThrow('disk gone');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('falls back to replaying the source, with an issue naming the directory, when the directory cannot take the file', async () => {
    const notADir = join(root, 'plain-file');
    writeFileSync(notADir, 'x');
    const values = Array.from({ length: 3000 }, (_, i) => (i * 37) % 1000);
    const src = memorySource([{ key: key('x'), samples: regular(values) }]);
    const r = await seriesStatistics(src, { memoryBudgetBytes: 4096, spillDirectory: notADir });
    expect(r.series[0]!.method).toBe('two-pass');
    expect(r.series[0]!.p95).toBe(quantileSorted([...values].sort((a, b) => a - b), 0.95));
    expect(r.issues).toEqual([expect.objectContaining({ file: notADir, code: 'spill-failed', severity: 'warning' })]);
    expect(r.issues[0]!.message).toMatch(/re-read the source/);
  });

  it('falls back when a write fails after some runs: replays when it can, else sketches every value (ENOSPC simulated)', async () => {
    // the first 1,000 values are high: the failure comes after 768 of them were written (runs of
    // 256), so a sketch missing what was written would put p95 among the low values
    const values = Array.from({ length: 6000 }, (_, i) => (i < 1000 ? 10_000 + i : i % 100));
    const p95 = quantileSorted([...values].sort((a, b) => a - b), 0.95);
    for (const [replay, sketch] of [[true, false], [false, false], [false, 0.01]] as const) {
      let calls = 0;
      const appendParts = SpillFile.prototype.appendParts;
      vi.spyOn(SpillFile.prototype, 'appendParts').mockImplementation(function (this: SpillFile, ...args) {
        if (++calls > 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return appendParts.apply(this, args);
      });
      const dir = freshDir();
      const r = await seriesStatistics(memorySource([{ key: key('x'), samples: regular(values) }]), { memoryBudgetBytes: 4096, spillDirectory: dir, replay, sketch });
      const s = r.series[0]!;
      expect(calls).toBe(4);
      expect(r.issues.map((i) => i.code)).toEqual(['spill-failed']);
      expect(readdirSync(dir)).toEqual([]);
      if (replay) {
        expect([s.method, s.p95]).toEqual(['two-pass', p95]);
      } else {
        expect([s.method, s.exact]).toEqual(['sketch', false]);
        expect(Math.abs(s.p95! - p95)).toBeLessThanOrEqual(0.01 * p95);
        // a requested sketch got each value once: on its way to the file or when dropped
        if (sketch) expect(s.sketch!.count).toBe(6000);
      }
      vi.restoreAllMocks();
    }
  });

  it('rejects an empty spill directory name', async () => {
    await expect(seriesStatistics(memorySource([]), { spillDirectory: '' })).rejects.toThrow(/stats.spillDirectory/);
  });
});

describe('SpillFile', () => {
  it('reads back each series in the order written, whole or in pieces, and removes itself', () => {
    const dir = freshDir();
    const f = SpillFile.open(dir);
    f.append(1, Float64Array.of(1, 2, 3, 99), 3);
    f.append(0, Float64Array.of(-0, 5e-324), 2);
    f.append(1, Float64Array.of(4, 5), 2);
    expect([f.count(0), f.count(1), f.count(2), f.bytes]).toEqual([2, 5, 0, 56]);
    const into = new Float64Array(8).fill(NaN);
    expect(f.read(1, into)).toBe(5);
    expect([...into.subarray(0, 5)]).toEqual([1, 2, 3, 4, 5]);
    expect(f.read(0, into)).toBe(2);
    expect([Object.is(into[0], -0), into[1]]).toEqual([true, 5e-324]);
    const pieces: number[][] = [];
    f.forEachPiece(1, 2, (v, k) => pieces.push([...v.subarray(0, k)]));
    expect(pieces).toEqual([[1, 2], [3], [4, 5]]);
    expect(readdirSync(dir)).toEqual([]);
    f.close();
    f.close();
  });

  it('appendParts writes what append of each part in turn writes: the same values read back, counts and size (property)', () => {
    // parts are views into one buffer (chunks of an arena), some empty; series interleave
    const part = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.array(fc.double(), { maxLength: 50 }));
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.array(part, { maxLength: 4 })), { maxLength: 6 }), (calls) => {
      const dir = freshDir();
      const byParts = SpillFile.open(dir);
      const oneByOne = SpillFile.open(dir);
      try {
        for (const [series, parts] of calls) {
          const views = parts.map(([offset, values]) => {
            const arena = new Float64Array(offset + values.length + 3);
            arena.set(values, offset);
            return arena.subarray(offset, offset + values.length);
          });
          byParts.appendParts(series, views);
          for (const v of views) oneByOne.append(series, v, v.length);
        }
        expect(byParts.bytes).toBe(oneByOne.bytes);
        for (let series = 0; series <= 2; series++) {
          expect(byParts.count(series)).toBe(oneByOne.count(series));
          const a = new Float64Array(byParts.count(series));
          const b = new Float64Array(oneByOne.count(series));
          byParts.read(series, a);
          oneByOne.read(series, b);
          expect(a).toEqual(b);
        }
      } finally {
        byParts.close();
        oneByOne.close();
      }
    }), { numRuns: 100 });
  });
});
