import fc from 'fast-check';
import { mean, standardDeviation, sum, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { EMPTY_MOMENTS, mergeMoments, MomentsAccumulator, momentsOf, momentsStandardDeviation, momentsVariance } from '../../src/stats/index.js';

const values = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 0, maxLength: 100 });
/** Float tolerance of a merged figure against the batch one: 1e-9 relative to the data's scale. */
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

describe('momentsOf(values)', () => {
  it('computes the table example: 2, 4, 4, 4, 5, 5, 7, 9', () => {
    const m = momentsOf(Object.freeze([2, 4, 4, 4, 5, 5, 7, 9]));
    // sum 40, mean 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; variance 32 / 8 = 4; sd 2
    expect(m).toEqual({ count: 8, sum: 40, mean: 5, m2: 32, min: 2, max: 9 });
    expect(momentsVariance(m)).toBe(4);
    expect(momentsStandardDeviation(m)).toBe(2);
  });

  it('gives null variance for no values', () => {
    expect(momentsVariance(EMPTY_MOMENTS)).toBeNull();
    expect(momentsStandardDeviation(momentsOf([]))).toBeNull();
  });

  it('agrees with simple-statistics mean, variance and standardDeviation (property)', () => {
    fc.assert(fc.property(values.filter((v) => v.length > 0), (v) => {
      const m = momentsOf(v);
      const scale = Math.max(...v.map(Math.abs));
      expect(close(m.mean, mean(v), scale)).toBe(true);
      expect(close(m.sum, sum(v), scale * v.length)).toBe(true);
      expect(close(momentsVariance(m)!, variance(v), scale * scale)).toBe(true);
      expect(close(momentsStandardDeviation(m)!, standardDeviation(v), scale)).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('mergeMoments(a, b)', () => {
  it('merges [1, 2] and [3, 4] into the moments of 1..4 (mean 2.5, m2 = 2.25+0.25+0.25+2.25 = 5)', () => {
    const m = mergeMoments(momentsOf([1, 2]), momentsOf([3, 4]));
    expect(m).toEqual({ count: 4, sum: 10, mean: 2.5, m2: 5, min: 1, max: 4 });
  });

  it('merged summaries equal the batch summary within 1e-9 of the data scale (property)', () => {
    fc.assert(fc.property(fc.array(values, { minLength: 1, maxLength: 6 }), (parts) => {
      const all = parts.flat();
      const merged = parts.map(momentsOf).reduce(mergeMoments, EMPTY_MOMENTS);
      const batch = momentsOf(all);
      const scale = Math.max(0, ...all.map(Math.abs));
      expect(merged.count).toBe(batch.count);
      expect(merged.min).toBe(batch.min);
      expect(merged.max).toBe(batch.max);
      expect(close(merged.mean, batch.mean, scale)).toBe(true);
      expect(close(merged.sum, batch.sum, scale * all.length)).toBe(true);
      expect(close(merged.m2, batch.m2, scale * scale * all.length)).toBe(true);
    }), { numRuns: 200 });
  });

  it('does not depend on the order of the merges beyond rounding (property)', () => {
    fc.assert(fc.property(fc.array(values, { minLength: 2, maxLength: 6 }), (parts) => {
      const forward = parts.map(momentsOf).reduce(mergeMoments, EMPTY_MOMENTS);
      const backward = [...parts].reverse().map(momentsOf).reduce(mergeMoments, EMPTY_MOMENTS);
      const scale = Math.max(0, ...parts.flat().map(Math.abs));
      expect(forward.count).toBe(backward.count);
      expect(close(forward.mean, backward.mean, scale)).toBe(true);
      expect(close(forward.m2, backward.m2, scale * scale * forward.count)).toBe(true);
    }), { numRuns: 100 });
  });
});

describe('MomentsAccumulator.addAll(values, from, to) (one pass of deviations, four accumulators)', () => {
  /** Blocks of 1 to 200 values (not only multiples of four), cut from one array at any offset. */
  const blocks = fc.tuple(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 400 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 3 }));

  it('gives add()\'s count, sum, min and max exactly, its mean within 1e-12 of the data scale and m2 within 1e-12 of n x scale^2 (property)', () => {
    fc.assert(fc.property(blocks, ([xs, block, skip]) => {
      const one = new MomentsAccumulator();
      const blocked = new MomentsAccumulator();
      const values = Float64Array.from([...new Array<number>(skip).fill(NaN), ...xs]);
      xs.forEach((x) => one.add(x));
      for (let i = skip; i < values.length; i += block) blocked.addAll(values, i, Math.min(values.length, i + block));
      const [a, b] = [one.summary(), blocked.summary()];
      expect([b.count, b.sum, b.min, b.max]).toEqual([a.count, a.sum, a.min, a.max]);
      const scale = Math.max(0, ...xs.map(Math.abs));
      expect(Math.abs(b.mean - a.mean)).toBeLessThanOrEqual(1e-12 * scale + xs.length * Number.MIN_VALUE);
      // (plus the rounding of subnormal results: one unit, and squares that underflow)
      expect(Math.abs(b.m2 - a.m2)).toBeLessThanOrEqual(1e-12 * xs.length * scale * scale + xs.length * Number.MIN_VALUE);
      expect(b.m2).toBeGreaterThanOrEqual(0);
    }), { numRuns: 300 });
  });

  it('keeps a spread on a large offset: m2 within 1e-9 relative of add()\'s (1e6 + values in [0, 100) spread over more than 1)', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, min: 0, max: 100, maxExcluded: true }), { minLength: 2, maxLength: 400 }), fc.integer({ min: 1, max: 200 }), (us, block) => {
      const xs = us.map((u) => 1e6 + u);
      fc.pre(Math.max(...xs) - Math.min(...xs) > 1);
      const one = new MomentsAccumulator();
      const blocked = new MomentsAccumulator();
      xs.forEach((x) => one.add(x));
      const values = Float64Array.from(xs);
      for (let i = 0; i < values.length; i += block) blocked.addAll(values, i, Math.min(values.length, i + block));
      const [a, b] = [one.summary(), blocked.summary()];
      expect(Math.abs(b.m2 - a.m2)).toBeLessThanOrEqual(1e-9 * a.m2);
    }), { numRuns: 200 });
  });

  it('gives m2 Infinity, as add() does, when squared deviations pass the largest double (0, 0, 0, 2.5e300, 70, 0 in one block)', () => {
    const xs = [0, 0, 0, 2.5e300, 70, 0];
    const one = new MomentsAccumulator();
    xs.forEach((x) => one.add(x));
    const blocked = new MomentsAccumulator();
    blocked.addAll(Float64Array.from(xs), 0, xs.length);
    expect(one.summary().m2).toBe(Infinity);
    expect(blocked.summary().m2).toBe(Infinity);
    expect(Math.abs(blocked.summary().mean - 2.5e300 / 6)).toBeLessThanOrEqual(1e-12 * (2.5e300 / 6));
  });

  it('adds a block of one repeated value (0, or of magnitude 1e-100 to 1e6: its deviations\' squares do not underflow) with m2 0 and that value as its mean, exactly (property)', () => {
    const magnitude = fc.double({ noNaN: true, min: 1e-100, max: 1e6 });
    const value = fc.oneof(fc.constantFrom(0, -0), magnitude, magnitude.map((x) => -x));
    fc.assert(fc.property(value, fc.integer({ min: 1, max: 300 }), (x, k) => {
      const m = new MomentsAccumulator();
      m.addAll(new Float64Array(k).fill(x), 0, k);
      const s = m.summary();
      expect(s.m2).toBe(0);
      expect(s.mean).toBe(0 + x);
    }), { numRuns: 300 });
  });
});
