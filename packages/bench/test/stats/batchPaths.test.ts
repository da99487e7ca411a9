import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPerfText, seriesStatistics, writePdhCsv, type SeriesSink, type ThresholdRule } from '@hostplan/bench';
import { BucketMeanTracker, DailyPeakTracker, MomentsAccumulator, orderStatistics, orderStatisticsScratch, SustainedPeakTracker, ThresholdTracker } from '../../src/stats/index.js';
import { key } from './memorySource.js';
import { playScript, type Op } from './sinkScript.js';

const MIN = 60_000;

/** Samples in time order: steps of 0 to 3 minutes (0 = same time, > maxGap = a gap), values in 0..100 with ties. */
const samplesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })), { minLength: 0, maxLength: 300 }).map((steps) => {
  let t = Date.UTC(2024, 0, 1, 23, 0);
  const ts = new Float64Array(steps.length);
  const vs = new Float64Array(steps.length);
  steps.forEach(([dt, v], i) => {
    t += dt * MIN;
    ts[i] = t;
    vs[i] = v * 2.5;
  });
  return { ts, vs };
});

describe('batched updates equal one-by-one updates (the collector folds blocks of samples)', () => {
  it('MomentsAccumulator.addAll in blocks equals add: count, sum, min and max exactly, mean and m2 up to rounding', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (xs, block) => {
      const a = new MomentsAccumulator();
      const b = new MomentsAccumulator();
      xs.forEach((x) => a.add(x));
      const values = Float64Array.from(xs);
      for (let i = 0; i < xs.length; i += block) b.addAll(values, i, Math.min(xs.length, i + block));
      const [x, y] = [a.summary(), b.summary()];
      expect([y.count, y.sum, y.min, y.max]).toEqual([x.count, x.sum, x.min, x.max]);
      // relative to the data's scale: |values| <= 1e6, so 1e-9 x 1e6 for the mean, 1e-9 x (n 1e12 + 1) for m2
      expect(Math.abs(y.mean - x.mean)).toBeLessThanOrEqual(1e-3);
      expect(Math.abs(y.m2 - x.m2)).toBeLessThanOrEqual(1e-9 * (xs.length * 1e12 + 1));
    }), { numRuns: 100 });
  });

  it('MomentsAccumulator.addAll: worked example 2 4 4 4 | 5 5 7 9 (blocks merge to mean 5, m2 32, stddev 2)', () => {
    // block 1: mean 3.5, m2 = 2.25 + 3 x 0.25 = 3; block 2: mean 6.5, m2 = 2.25 + 2.25 + 0.25 + 6.25 = 11
    // Chan: d = 3, m2 = 3 + 11 + 9 x 4 x 4 / 8 = 32
    const m = new MomentsAccumulator();
    const v = Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9);
    m.addAll(v, 0, 4);
    m.addAll(v, 4, 8);
    expect(m.summary()).toEqual({ count: 8, sum: 40, mean: 5, m2: 32, min: 2, max: 9 });
  });

  it('SustainedPeakTracker.addAll equals add (same peak, end and window count), in blocks of any size', () => {
    fc.assert(fc.property(samplesArb, fc.integer({ min: 1, max: 50 }), ({ ts, vs }, block) => {
      const a = new SustainedPeakTracker(5 * MIN, 2 * MIN);
      const b = new SustainedPeakTracker(5 * MIN, 2 * MIN);
      ts.forEach((t, i) => a.add(t, vs[i]!));
      for (let i = 0; i < ts.length; i += block) b.addAll(ts.subarray(i), vs.subarray(i), Math.min(block, ts.length - i));
      expect([b.peak, b.peakEndMs, b.windows]).toEqual([a.peak, a.peakEndMs, a.windows]);
    }), { numRuns: 100 });
  });

  it('SustainedPeakTracker.addAll equals add to the bit: fractional values, past the periodic re-summing of the window, blocks mixed with single adds', () => {
    // a 10-minute window over steps of 0 to 60 s (about 20 samples in it) and rarely a gap (200 s): thousands of
    // evictions, so the exact re-sum of the window (every 4,096) happens mid-block
    const long = fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }).map((x) => (x === 0 ? 10 : x % 4)), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 4500, maxLength: 12_000 }).map((steps) => {
      let t = Date.UTC(2024, 0, 1);
      // a rising trend puts the peak late, after the re-sums, where a different rounding of the window's sum would show
      return { ts: Float64Array.from(steps, ([dt]) => (t += dt * 20_000)), vs: Float64Array.from(steps, ([, v], i) => v + i * 1000) };
    });
    fc.assert(fc.property(long, fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 40 }), ({ ts, vs }, blocks) => {
      const a = new SustainedPeakTracker(10 * MIN, 3 * MIN);
      const b = new SustainedPeakTracker(10 * MIN, 3 * MIN);
      ts.forEach((t, i) => a.add(t, vs[i]!));
      for (let i = 0, j = 0; i < ts.length; j++) {
        const block = Math.min(blocks[j % blocks.length]!, ts.length - i);
        if (block === 0) b.add(ts[i]!, vs[i++]!);
        else {
          b.addAll(ts.subarray(i), vs.subarray(i), block);
          i += block;
        }
      }
      expect([b.peak, b.peakEndMs, b.windows]).toEqual([a.peak, a.peakEndMs, a.windows]);
    }), { numRuns: 60 });
  });

  it('ThresholdTracker.addAll equals add (same alerts, runs and time over), above and below', () => {
    const rules: ThresholdRule[] = [
      { id: 'a', object: 'O', counter: 'C', op: 'above', value: 50, sustainMs: 3 * MIN, severity: 'warning', source: 't' },
      { id: 'b', object: 'O', counter: 'C', op: 'below', value: 20, sustainMs: 0, severity: 'critical', source: 't' },
    ];
    fc.assert(fc.property(samplesArb, fc.integer({ min: 1, max: 50 }), fc.constantFrom(...rules), ({ ts, vs }, block, rule) => {
      const a = new ThresholdTracker(rule, 0, 'p', 2 * MIN, 5);
      const b = new ThresholdTracker(rule, 0, 'p', 2 * MIN, 5);
      ts.forEach((t, i) => a.add(t, vs[i]!));
      for (let i = 0; i < ts.length; i += block) b.addAll(ts.subarray(i), vs.subarray(i), Math.min(block, ts.length - i));
      a.finish();
      b.finish();
      expect([b.alerts, b.runs, b.totalMs, b.alertCount]).toEqual([a.alerts, a.runs, a.totalMs, a.alertCount]);
    }), { numRuns: 100 });
  });

  it('BucketMeanTracker.addAll equals add (samples in any order, before the first bucket, coarsening past maxBuckets)', () => {
    const anyOrder = fc.array(fc.tuple(fc.integer({ min: -200, max: 400 }), fc.integer({ min: 0, max: 40 })), { maxLength: 300 }).map((pairs) => ({
      ts: Float64Array.from(pairs, ([m]) => Date.UTC(2024, 0, 1) + m * MIN),
      vs: Float64Array.from(pairs, ([, v]) => v * 2.5),
    }));
    fc.assert(fc.property(fc.oneof(samplesArb, anyOrder), fc.integer({ min: 1, max: 50 }), fc.constantFrom(16, 64, 16_384), ({ ts, vs }, block, maxBuckets) => {
      const a = new BucketMeanTracker(5 * MIN, maxBuckets);
      const b = new BucketMeanTracker(5 * MIN, maxBuckets);
      ts.forEach((t, i) => a.add(t, vs[i]!));
      for (let i = 0; i < ts.length; i += block) b.addAll(ts.subarray(i), vs.subarray(i), Math.min(block, ts.length - i));
      expect(b.aligned()).toEqual(a.aligned());
    }), { numRuns: 200 });
  });

  it('DailyPeakTracker.addAll equals add (samples cross midnight)', () => {
    fc.assert(fc.property(samplesArb, fc.integer({ min: 1, max: 50 }), ({ ts, vs }, block) => {
      const a = new DailyPeakTracker();
      const b = new DailyPeakTracker();
      ts.forEach((t, i) => a.add(t, vs[i]!));
      for (let i = 0; i < ts.length; i += block) b.addAll(ts.subarray(i), vs.subarray(i), Math.min(block, ts.length - i));
      expect(b.peaks()).toEqual(a.peaks());
    }), { numRuns: 100 });
  });
});

describe('orderStatistics(values, ranks)', () => {
  it('gives what a full sort puts at each rank (worked example: 5 1 4 2 3 sorted is 1 2 3 4 5)', () => {
    expect([...orderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4, 1])]).toEqual([1, 3, 5, 2]);
    // out-of-range ranks are NaN; equal values; a single value
    expect([...orderStatistics(Float64Array.of(7, 7, 7), [2, 3])]).toEqual([7, NaN]);
    expect([...orderStatistics(Float64Array.of(-1e308, 1e308, 0), [0, 1, 2])]).toEqual([-1e308, 0, 1e308]);
  });

  it('equals the sorted array at random ranks, for clustered, tied, wide and tiny ranges, leaving the input untouched', () => {
    const valuesArb = fc.oneof(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 3000 }),
      fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ min: 1, max: 1 + 1e-12, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 20000 }),
    );
    fc.assert(fc.property(valuesArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (raw, picks) => {
      const values = Float64Array.from(raw, (v) => (v === 0 ? 0 : v)); // no -0: a sort orders signed zeros
      const before = values.slice();
      const ranks = picks.map((p) => p % values.length);
      const sorted = values.slice().sort();
      expect([...orderStatistics(values, ranks)]).toEqual(ranks.map((k) => sorted[k]));
      // the same with the range given by the caller (one pass fewer)
      expect([...orderStatistics(values, ranks, { min: sorted[0]!, max: sorted[sorted.length - 1]! })]).toEqual(ranks.map((k) => sorted[k]));
      expect(values).toEqual(before);
    }), { numRuns: 150 });
  });

  it('gives the same with a scratch reused over calls of any sizes (its bucket arrays left from larger calls)', () => {
    const callsArb = fc.array(fc.tuple(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(callsArb, (calls) => {
      const scratch = orderStatisticsScratch();
      for (const [raw, picks] of calls) {
        const values = Float64Array.from(raw, (v) => (v === 0 ? 0 : v));
        const ranks = picks.map((p) => p % values.length);
        expect([...orderStatistics(values, ranks, undefined, scratch)]).toEqual([...orderStatistics(values, ranks)]);
      }
    }), { numRuns: 100 });
  });
});

describe('orderStatistics(values, ranks) with any ranks', () => {
  it('repeated, unordered, negative, fractional, out-of-range and -0 ranks, built here or copied from another thread: sorted[k] where k is a rank in 0..n-1, else NaN', () => {
    const rankArb = fc.oneof(fc.nat({ max: 400 }), fc.integer({ min: -3, max: -1 }), fc.constantFrom(-0, 0.5, NaN, Infinity, 1e9));
    fc.assert(fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.array(rankArb, { minLength: 1, maxLength: 10 }), fc.boolean(), (raw, picks, copied) => {
      const values = Float64Array.from(raw, (v) => (v === 0 ? 0 : v));
      const sorted = values.slice().sort();
      // a structured clone is what a rank list posted by a worker is (another element kind)
      const ranks = copied ? structuredClone(picks) : picks;
      const expected = picks.map((k) => (Number.isInteger(k) && k >= 0 && k < values.length ? sorted[k]! : NaN));
      expect([...orderStatistics(values, ranks, undefined, orderStatisticsScratch())]).toEqual(expected);
      expect([...orderStatistics(values, ranks)]).toEqual(expected);
    }), { numRuns: 200 });
  });
});

describe('orderStatistics(values, ranks) on large clustered inputs', () => {
  it('target buckets over 4,096 values (selected, not sorted) give what a full sort gives', () => {
    // each of 0, 1, 2 about 28 % of 15,000 to 30,000 values: a bucket of over 4,096 equal values
    const valuesArb = fc.array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 5 }, { arbitrary: fc.double({ min: 0, max: 3, noNaN: true }), weight: 1 }), { minLength: 15000, maxLength: 30000 });
    fc.assert(fc.property(valuesArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (raw, picks) => {
      const values = Float64Array.from(raw, (v) => (v === 0 ? 0 : v));
      const ranks = picks.map((p) => p % values.length);
      const sorted = values.slice().sort();
      expect([...orderStatistics(values, ranks, undefined, orderStatisticsScratch())]).toEqual(ranks.map((k) => sorted[k]));
    }), { numRuns: 40 });
  });
});

describe('StatsCollector row fast path', () => {
  it('gives the same statistics whether the reader sends whole rows or single samples', async () => {
    const paths = ['\\\\H\\Hyper-V Hypervisor Virtual Processor(vm1:Hv VP 0)\\% Guest Run Time', '\\\\H\\Memory\\Available MBytes', '\\\\H\\Test\\Empty'];
    const rows = Array.from({ length: 5000 }, (_, r) => ({
      timestampMs: Date.UTC(2024, 0, 1) + r * 15_000 + (r % 3),
      values: [r % 7 === 0 ? NaN : (r * 37) % 101, 1500 + ((r * 13) % 1000), NaN],
    }));
    const text = writePdhCsv(rows, { paths, zoneName: 'UTC', biasMinutes: 0 });
    const withRows = await seriesStatistics((sink) => readPerfText(text, sink));
    const bySample = await seriesStatistics((sink) => {
      // the same sink without its row method: the reader falls back to one call per sample
      const plain: SeriesSink = { series: (i, k) => sink.series(i, k), sample: (i, t, v) => sink.sample(i, t, v), issue: (x) => sink.issue?.(x) };
      return readPerfText(text, plain);
    });
    expect(withRows.series).toEqual(bySample.series);
    expect(withRows.alerts).toEqual(bySample.alerts);
    expect(withRows.series[0]).toMatchObject({ count: 5000 - 715, missing: 715 }); // rows 0, 7, ..., 4998: 715 multiples of 7
    expect(withRows.alerts.length).toBeGreaterThan(0);
  });

  it('gives what one sample call per value gives, whatever the mix of rows (of any width), samples and series declared late (property)', async () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(NaN));
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('series' as const), index: fc.integer({ min: 0, max: 4 }) }) },
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('row' as const), dt: fc.integer({ min: -1, max: 3 }), values: fc.array(value, { maxLength: 6 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('sample' as const), index: fc.integer({ min: 0, max: 5 }), dt: fc.integer({ min: -1, max: 3 }), value }) },
    );
    // a reader declaring its series first (as perfmon's header does), then anything
    const scriptArb = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(opArb, { maxLength: 400 }));
    const vpKey = (i: number) => key(`c${i}`, { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: `vm${i}` });
    const play = (declared: number, ops: readonly Op[], rows: boolean) => playScript(declared, ops, vpKey, rows);
    const close = (a: number | null, b: number | null) => a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
    await fc.assert(fc.asyncProperty(scriptArb, async ([declared, ops]) => {
      const options = { windowMs: 2 * MIN, memoryBudgetBytes: 64 };
      const withRows = await seriesStatistics(play(declared, ops, true), options);
      const bySample = await seriesStatistics(play(declared, ops, false), options);
      // blocks are folded at other points, so the mean and deviation may differ in the last bits
      const exactPart = ({ mean: _m, stddev: _s, moments: { mean: _mm, m2: _m2, ...moments }, ...rest }: (typeof withRows.series)[number]) => ({ ...rest, moments });
      expect(withRows.series.map(exactPart)).toEqual(bySample.series.map(exactPart));
      withRows.series.forEach((s, i) => {
        expect(close(s.mean, bySample.series[i]!.mean)).toBe(true);
        expect(close(s.stddev, bySample.series[i]!.stddev)).toBe(true);
      });
      expect(withRows.alerts).toEqual(bySample.alerts);
    }), { numRuns: 200 });
  });

  it('keeps exact percentiles when the kept values span several chunks (over 65,536 values in one series)', async () => {
    const n = 140_000;
    const source = (sink: SeriesSink) => {
      sink.series(0, key('C'));
      for (let i = 0; i < n; i++) sink.sample(0, i * 1000, (i * 7919) % n);
    };
    const s = (await seriesStatistics(source)).series[0]!;
    // the values are a permutation of 0..n-1 (7919 is prime, coprime to n): p50 h = 0.5 (n - 1) = 69999.5
    expect(s.p50).toBe(69_999.5);
    expect(s.p99).toBeCloseTo(0.99 * (n - 1), 6);
    expect(s.method).toBe('in-memory');
  });
});
