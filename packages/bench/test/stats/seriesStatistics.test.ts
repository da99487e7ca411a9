import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { seriesStatistics } from '@hostplan/bench';
import { key, memorySource, regular, type MemorySeries } from './memorySource.js';

const MIN = 60_000;

describe('seriesStatistics(source, options)', () => {
  it('computes the per-series table for a hand-made series (arithmetic in comments)', async () => {
    // 1-minute samples 10, 20, NaN, 30, 40, 50, 60: 6 present, 1 missing
    const source = memorySource([{ key: key('% Total Run Time', { object: 'Hyper-V Hypervisor Logical Processor', instance: '_Total' }), samples: regular([10, 20, NaN, 30, 40, 50, 60]) }]);
    const { series, passes, alerts } = await seriesStatistics(source, { windowMs: 2 * MIN });
    const s = series[0]!;
    expect(passes).toBe(1);
    expect(s).toMatchObject({ count: 6, missing: 1, min: 10, max: 60, mean: 35, sum: 210, exact: true, method: 'in-memory', intervalMs: MIN });
    // population variance: (625 + 225 + 25 + 25 + 225 + 625) / 6 = 291.67
    expect(s.stddev).toBeCloseTo(Math.sqrt(1750 / 6), 12);
    // sorted 10..60, n = 6: p50 h = 2.5 -> 30 + 0.5 x 10 = 35; p90 h = 4.5 -> 55; p95 h = 4.75 -> 57.5; p99 h = 4.95 -> 59.5
    [35, 55, 57.5, 59.5].forEach((want, i) => expect([s.p50, s.p90, s.p95, s.p99][i]).toBeCloseTo(want, 12));
    // 2-minute window: ends at 6 min -> samples at 5 and 6 min: (50 + 60) / 2 = 55
    expect(s.sustainedPeak).toBe(55);
    // host LP above 50 %: samples 60 at 6 min only (one run, not 5 min long) -> PAL rules do not fire (< 75)
    expect(alerts).toEqual([]);
    expect(s.timeOver.find((t) => t.rule === 'host-lp-sustained')).toEqual({ rule: 'host-lp-sustained', ms: MIN, runs: 1, alerts: 0 });
  });

  it('reports PAL alerts on a busy host LP series', async () => {
    const source = memorySource([{ key: key('% Total Run Time', { object: 'Hyper-V Hypervisor Logical Processor', instance: '_Total' }), samples: regular([80, 95, 96, 80, 10]) }]);
    const { alerts } = await seriesStatistics(source);
    // > 75: 0..3 min (4 samples: 3 min + 1 min interval = 4 min); > 90: 1..2 min (2 min); > 50 for 4 min < 5 min: none
    expect(alerts.map((a) => [a.rule, a.severity, a.durationMs])).toEqual([
      ['host-lp-pal-warning', 'warning', 4 * MIN],
      ['host-lp-pal-critical', 'critical', 2 * MIN],
    ]);
  });

  it('computes the Azure Migrate roll-up: peak per 10-minute window, then the percentile', async () => {
    // 30 one-minute samples: window peaks are 9 (0-9), 19 (10-19), 29 (20-29); p50 of [9, 19, 29] = 19
    const source = memorySource([{ key: key('x'), samples: regular(Array.from({ length: 30 }, (_, i) => i), MIN, 0) }]);
    const { series } = await seriesStatistics(source, { rollupMs: 10 * MIN });
    expect(series[0]!.rollup).toMatchObject({ windowMs: 10 * MIN, windows: 3, percentiles: { '50': 19, '95': 28 } }); // p95: h = 1.9 -> 19 + 0.9 x 10
  });

  it('gives null figures for a series with only missing samples', async () => {
    const { series } = await seriesStatistics(memorySource([{ key: key('x'), samples: regular([NaN, NaN]) }]));
    expect(series[0]).toMatchObject({ count: 0, missing: 2, min: null, max: null, mean: null, stddev: null, p95: null, sustainedPeak: null });
  });

  it('collects the issues the source reports', async () => {
    const source = (sink: Parameters<Parameters<typeof seriesStatistics>[0]>[0]) => {
      sink.series(0, key('x'));
      sink.issue?.({ file: 'f.csv', line: 3, column: 2, code: 'not-a-number', message: 'x', severity: 'warning' });
    };
    expect((await seriesStatistics(source)).issues).toHaveLength(1);
  });

  const seriesArb = fc.array(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 4 });
  const build = (arrays: number[][]): MemorySeries[] => arrays.map((a, i) => ({ key: key(`c${i}`), samples: regular(a, 15_000) }));

  it('the two-pass path gives exactly the in-memory figures when the budget is tiny (property)', async () => {
    await fc.assert(fc.asyncProperty(seriesArb, fc.constantFrom([], [99.5], [12.5, 99.9]), async (arrays, extra) => {
      const series = build(arrays);
      const inMemory = await seriesStatistics(memorySource(series), { percentiles: extra });
      const src = memorySource(series);
      const twoPass = await seriesStatistics(src, { percentiles: extra, memoryBudgetBytes: 8, spillDirectory: false });
      expect(inMemory.passes).toBe(1);
      const present = arrays.some((a) => a.some(Number.isFinite));
      if (present) expect(twoPass.series.every((s) => s.count === 0 || s.method === 'two-pass')).toBe(true);
      expect(twoPass.passes).toBe(src.calls);
      twoPass.series.forEach((s, i) => {
        expect(s.percentiles).toEqual(inMemory.series[i]!.percentiles);
        expect(s.exact).toBe(true);
      });
    }), { numRuns: 60 });
  });

  it('in-memory percentiles equal simple-statistics quantileSorted on the present values (property)', async () => {
    await fc.assert(fc.asyncProperty(seriesArb, async (arrays) => {
      const { series } = await seriesStatistics(memorySource(build(arrays)));
      series.forEach((s, i) => {
        const present = arrays[i]!.filter(Number.isFinite).sort((a, b) => a - b);
        if (present.length === 0) return expect(s.p95).toBeNull();
        // -0 is reported as 0 (selection does not order signed zeros)
        expect([s.p50, s.p90, s.p95, s.p99]).toEqual([0.5, 0.9, 0.95, 0.99].map((p) => quantileSorted(present, p) + 0));
      });
    }), { numRuns: 60 });
  });

  it('two-pass stays exact on 200,000 near-constant values with a 64 KB budget (refinement passes)', async () => {
    // values 50 + tiny jitter: one log bucket would hold them all; refinement must still select exactly
    const values = Array.from({ length: 200_000 }, (_, i) => 50 + ((i * 7919) % 1000) / 1e6);
    const series = [{ key: key('lp'), samples: regular(values, 15_000) }];
    const src = memorySource(series);
    const r = await seriesStatistics(src, { memoryBudgetBytes: 65_536, spillDirectory: false });
    const sorted = [...values].sort((a, b) => a - b);
    expect(r.series[0]!.method).toBe('two-pass');
    expect([r.series[0]!.p50, r.series[0]!.p95, r.series[0]!.p99]).toEqual([0.5, 0.95, 0.99].map((p) => quantileSorted(sorted, p)));
    expect(r.passes).toBeGreaterThanOrEqual(2);
  });

  it('without replay, an over-budget series uses the sketch and says so', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => 1 + i);
    const r = await seriesStatistics(memorySource([{ key: key('x'), samples: regular(values) }]), { memoryBudgetBytes: 1024, replay: false, spillDirectory: false });
    const s = r.series[0]!;
    expect([s.method, s.exact, r.passes]).toEqual(['sketch', false, 1]);
    const exact = quantileSorted(values, 0.95); // h = 4999 x 0.95 = 4749.05 -> 4750.05
    expect(Math.abs(s.p95! - exact)).toBeLessThanOrEqual(0.01 * exact);
  });

  it('detects a source that does not replay the same samples', async () => {
    let call = 0;
    const flaky = (sink: Parameters<Parameters<typeof seriesStatistics>[0]>[0]) => {
      call++;
      sink.series(0, key('x'));
      for (let i = 0; i < 3000; i++) sink.sample(0, i * 1000, call === 1 ? i : i * 2);
    };
    await expect(seriesStatistics(flaky, { memoryBudgetBytes: 8, spillDirectory: false })).rejects.toThrow(/not replayable/);
  });

  it('the two-pass replays skip values sent before their series was announced, as the first pass does', async () => {
    // a row and a sample for series 0 before its announcement, then 3 values after: the first pass counts 3
    const early = (sink: Parameters<Parameters<typeof seriesStatistics>[0]>[0]) => {
      sink.row!(0, Float64Array.of(70), 1);
      sink.sample(0, MIN, 90);
      sink.series(0, key('x'));
      sink.row!(2 * MIN, Float64Array.of(70), 1);
      sink.sample(0, 3 * MIN, 0);
      sink.sample(0, 4 * MIN, 10);
    };
    const inMemory = (await seriesStatistics(early)).series[0]!;
    const twoPass = (await seriesStatistics(early, { memoryBudgetBytes: 8, spillDirectory: false })).series[0]!;
    expect(inMemory).toMatchObject({ count: 3, min: 0, max: 70, p50: 10 });
    expect(twoPass.method).toBe('two-pass');
    expect([twoPass.p50, twoPass.p90, twoPass.p95, twoPass.p99]).toEqual([inMemory.p50, inMemory.p90, inMemory.p95, inMemory.p99]);
  });

  it('does not mutate frozen input samples', async () => {
    const samples = Object.freeze(regular([3, 1, 2]).map((s) => Object.freeze(s))) as unknown as [number, number][];
    const r = await seriesStatistics(memorySource([{ key: Object.freeze(key('x')), samples }]));
    expect(r.series[0]!.p50).toBe(2);
    expect(samples.map(([, v]) => v)).toEqual([3, 1, 2]);
  });

  it('lists its defaults in assumptions', async () => {
    const r = await seriesStatistics(memorySource([]), { windowMs: 10 * MIN });
    expect(r.assumptions.find((a) => a.name === 'stats.windowMs')).toMatchObject({ value: 10 * MIN, isDefault: false, source: 'input' });
    expect(r.assumptions.find((a) => a.name === 'stats.percentiles')).toMatchObject({ value: [50, 90, 95, 99], isDefault: true });
  });

  it('rejects invalid options with the option path', async () => {
    await expect(seriesStatistics(memorySource([]), { percentiles: [101] })).rejects.toThrow(/stats.percentiles\[0\]/);
    await expect(seriesStatistics(memorySource([]), { windowMs: 0 })).rejects.toThrow(/stats.windowMs/);
  });
});
