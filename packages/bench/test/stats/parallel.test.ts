import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { concatSources, measureDemand, readPerfText, seriesStatistics, writePdhCsv, type SeriesSink, type StatsOptions, type StatsResult } from '@hostplan/bench';
import { key } from './memorySource.js';
import { playScript, type Op } from './sinkScript.js';
import { shareArb } from './shares.js';

const MIN = 60_000;
const spillDir = mkdtempSync(join(tmpdir(), 'hostplan-parallel-'));
afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

// every other series is a virtual processor, so thresholds and their alerts run too
const keyOf = (i: number) => (i % 2 ? key(`c${i}`) : key(`c${i}`, { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: `vm${i}` }));
/** Plays a script of sink calls: series declared first, then rows (of any width), single samples and late series. */
const play = (declared: number, ops: readonly Op[]) => playScript(declared, ops, keyOf);

const value = fc.oneof({ weight: 6, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }, { weight: 3, arbitrary: fc.integer({ min: 70, max: 100 }) }, { weight: 1, arbitrary: fc.constant(NaN) }, { weight: 1, arbitrary: fc.constant(-0) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('series' as const), index: fc.integer({ min: 0, max: 9 }) }) },
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('row' as const), dt: fc.integer({ min: -1, max: 3 }), values: fc.array(value, { maxLength: 10 }) }) },
  // rows wider than the series declared (the extra cells are ignored) fill the shared blocks, so
  // that rows span blocks and blocks are reused once every worker is done with them
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('row' as const), dt: fc.integer({ min: 0, max: 1 }), values: fc.array(value, { minLength: 500, maxLength: 1500 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sample' as const), index: fc.integer({ min: 0, max: 10 }), dt: fc.integer({ min: -1, max: 3 }), value }) },
);

/** Everything a run gives but `method` (each thread keeps its share of the budget, so one may spill where the other keeps) and the threads assumption. */
const comparable = (r: StatsResult) => ({
  ...r,
  series: r.series.map(({ method: _method, ...s }) => s),
  assumptions: r.assumptions.filter((a) => a.name !== 'stats.threads'),
});

describe('seriesStatistics with threads > 1 (statistics on worker threads)', () => {
  it('gives what one thread gives, bit for bit, for any mix of rows, samples and late series, kept, spilled or replayed, whatever share the calling thread folds (property)', async () => {
    const budgets: StatsOptions[] = [{}, { memoryBudgetBytes: 64, spillDirectory: spillDir }, { memoryBudgetBytes: 64, spillDirectory: false }];
    const scriptArb = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.array(opArb, { minLength: 1, maxLength: 3000 }), fc.constantFrom(...budgets), fc.integer({ min: 2, max: 3 }), shareArb);
    await fc.assert(fc.asyncProperty(scriptArb, async ([declared, ops, budget, threads, callingThreadShare]) => {
      const options: StatsOptions = { windowMs: 2 * MIN, dailyPeaks: true, align: (k) => k.instance !== null, ...budget };
      const one = await seriesStatistics(play(declared, ops), options);
      const many = await seriesStatistics(play(declared, ops), { ...options, threads, callingThreadShare });
      // toEqual compares numbers with Object.is: -0 and 0 differ, every bit of a double counts
      expect(comparable(many)).toEqual(comparable(one));
      expect(many.series.map((s) => s.exact)).toEqual(one.series.map((s) => s.exact));
      expect(many.assumptions.find((a) => a.name === 'stats.threads')).toMatchObject({ value: threads, isDefault: false });
    }), { numRuns: 16 });
    expect(readdirSync(spillDir)).toEqual([]); // every worker and the calling thread's shard removed its spill file
  }, 300_000);

  it('measureDemand over two perfmon logs: raw and derived statistics, VMs, hosts and alerts equal on 1 thread, on 3, and with the calling thread folding a share on 2 and 3', async () => {
    const paths = ['vmA:Hv VP 0', 'vmA:Hv VP 1', 'vmB:Hv VP 0'].map((i) => `\\\\HV1\\Hyper-V Hypervisor Virtual Processor(${i})\\% Guest Run Time`)
      .concat(['\\\\HV1\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time', '\\\\HV1\\Memory\\Available MBytes']);
    const log = (day: number) => writePdhCsv(Array.from({ length: 3000 }, (_, r) => ({
      timestampMs: Date.UTC(2024, 0, 1 + day) + r * 15_000,
      values: [((r * 37) % 101) * 0.97, r % 13 === 0 ? NaN : (r * 11) % 100, 80 + (r % 20), 40 + ((r * 7) % 55), 1000 + ((r * 91) % 4000)],
    })), { paths });
    const source = concatSources([0, 1].map((day) => (sink: SeriesSink) => readPerfText(log(day), sink)));
    const one = await measureDemand(source, { clockGHz: 2.5, stats: { memoryBudgetBytes: 8192, spillDirectory: spillDir } });
    for (const stats of [{ threads: 3 }, { threads: 2, callingThreadShare: 1 / 3 }, { threads: 3, callingThreadShare: 1 / 5 }]) {
      const many = await measureDemand(source, { clockGHz: 2.5, stats: { memoryBudgetBytes: 8192, spillDirectory: spillDir, ...stats } });
      expect({ ...many, stats: comparable(many.stats), assumptions: [] }).toEqual({ ...one, stats: comparable(one.stats), assumptions: [] });
    }
    // 5 raw series per file, derived: per file's host cpu/memory and the two VMs' cores
    expect(one.stats.series.length).toBeGreaterThan(10);
    expect(one.stats.alerts.length).toBeGreaterThan(0);
    expect(one.vms.map((v) => v.id).sort()).toEqual(['vmA', 'vmB']);
  }, 120_000);

  it('long runs of same-width rows (whole row matrices, folded in place from the shared blocks) give what one thread gives, bit for bit (property)', async () => {
    // thousands of consecutive rows of one width, as a perfmon log sends them: a worker folds a
    // full matrix straight from the shared block; rows wider than the series declared are copied
    const runArb = fc.record({ width: fc.integer({ min: 1, max: 40 }), rows: fc.integer({ min: 1, max: 9000 }), dt: fc.integer({ min: -1, max: 2 }), seed: fc.integer({ min: 0, max: 1000 }) });
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.array(runArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 2, max: 3 }), shareArb, async (declared, runs, threads, callingThreadShare) => {
      const source = (sink: SeriesSink) => {
        for (let i = 0; i < declared; i++) sink.series(i, keyOf(i));
        let t = Date.UTC(2024, 0, 1);
        for (const run of runs) {
          for (let r = 0; r < run.rows; r++) {
            t += run.dt * MIN;
            const values = new Float64Array(run.width).map((_, i) => ((r * 31 + i * 7 + run.seed) % 97 === 0 ? NaN : ((r * 37 + i * 11 + run.seed) % 101) * 0.75));
            sink.row!(t, values, values.length);
          }
        }
      };
      const options: StatsOptions = { windowMs: 2 * MIN, dailyPeaks: true, align: (k) => k.instance !== null };
      const one = await seriesStatistics(source, options);
      const many = await seriesStatistics(source, { ...options, threads, callingThreadShare });
      expect(comparable(many)).toEqual(comparable(one));
    }), { numRuns: 8 });
  }, 300_000);

  it('a row wider than a shared block (40,000 cells, sent as its own message) between ordinary rows gives what one thread gives', async () => {
    const source = (sink: SeriesSink) => {
      for (let i = 0; i < 3; i++) sink.series(i, key(`c${i}`));
      for (let r = 0; r < 300; r++) {
        const wide = r === 150;
        const values = new Float64Array(wide ? 40_000 : 3).map((_, i) => ((r * 31 + i * 7) % 97) / 3);
        sink.row!(Date.UTC(2024, 0, 1) + r * MIN, values, values.length);
      }
    };
    const one = await seriesStatistics(source, { windowMs: 2 * MIN });
    const many = await seriesStatistics(source, { windowMs: 2 * MIN, threads: 2 });
    expect(comparable(many)).toEqual(comparable(one));
    // the calling thread folding a shard, or all: the wide row goes to it directly
    for (const callingThreadShare of [0.5, 1]) expect(comparable(await seriesStatistics(source, { windowMs: 2 * MIN, threads: 2, callingThreadShare }))).toEqual(comparable(one));
    expect(one.series.map((s) => s.count)).toEqual([300, 300, 300]);
  }, 60_000);

  it('rejects with the source\'s own error when the source fails half-way, and with the option path for 0 threads or a share outside 0..1', async () => {
    const failing = (sink: SeriesSink) => {
      sink.series(0, key('C'));
      for (let i = 0; i < 1000; i++) sink.row!(i * 1000, Float64Array.of(i), 1);
      throw new Error('disk went away at row 1000');
    };
    await expect(seriesStatistics(failing, { threads: 2 })).rejects.toThrow('disk went away at row 1000');
    await expect(seriesStatistics(play(1, []), { threads: 0 })).rejects.toThrow(HostplanError);
    await expect(seriesStatistics(play(1, []), { threads: 1.5 })).rejects.toThrow(/stats\.threads/);
    await expect(seriesStatistics(failing, { threads: 2, callingThreadShare: 0.5 })).rejects.toThrow('disk went away at row 1000');
    for (const callingThreadShare of [-0.1, 1.5, NaN]) await expect(seriesStatistics(play(1, []), { threads: 2, callingThreadShare })).rejects.toThrow(/stats\.callingThreadShare/);
  }, 60_000);
});
