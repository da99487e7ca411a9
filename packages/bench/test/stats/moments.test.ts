import fc from 'fast-check';
import { mean, standardDeviation, sum, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { EMPTY_MOMENTS, mergeMoments, momentsOf, momentsStandardDeviation, momentsVariance } from '../../src/stats/index.js';

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
