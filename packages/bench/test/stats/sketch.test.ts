import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileSorted7 } from '@hostplan/core';
import { quantileRank } from '@hostplan/core/internal';
import { QuantileSketch } from '../../src/stats/index.js';

/** Rounding slack on the bound: Math.log/Math.exp are not exact (relative 1e-12). */
const SLACK = 1 + 1e-9;
const sketchOf = (values: readonly number[], a = 0.01) => {
  const s = new QuantileSketch(a);
  for (const v of values) s.add(v);
  return s;
};
/** Normal doubles (subnormals, |x| < 2.2e-308, carry too few bits for a relative bound: documented). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((x) => (Math.abs(x) < 2.2250738585072014e-308 ? 0 : x));
const counters = fc.oneof(fc.double({ noNaN: true, min: 0, max: 1e7 }), fc.constant(0), fc.integer({ min: 0, max: 100 }));

describe('QuantileSketch', () => {
  it('estimates every order statistic within a |x(k)| (property, zeros and negatives included)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(finite, fc.constant(0)), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.01, 0.005, 0.02), (values, a) => {
      const s = sketchOf(values, a);
      const sorted = [...values].sort((x, y) => x - y);
      sorted.forEach((x, k) => {
        expect(Math.abs(s.orderStatistic(k) - x)).toBeLessThanOrEqual(a * Math.abs(x) * SLACK);
      });
    }), { numRuns: 200 });
  });

  it('quantile(p) is within a ((1-f)|x(lo)| + f|x(hi)|) of the exact type-7 figure (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(finite, fc.constant(0)), { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p) => {
      const sorted = [...values].sort((x, y) => x - y);
      const { lower, upper, fraction } = quantileRank(sorted.length, p);
      const bound = 0.01 * ((1 - fraction) * Math.abs(sorted[lower]!) + fraction * Math.abs(sorted[upper]!));
      // plus the rounding of the interpolation itself: 4 ulps of the larger neighbour (cancellation when f is near 1)
      const rounding = 4 * Number.EPSILON * Math.max(Math.abs(sorted[lower]!), Math.abs(sorted[upper]!));
      expect(Math.abs(sketchOf(values).quantile(p) - quantileSorted7(sorted, p))).toBeLessThanOrEqual(bound * SLACK + rounding);
    }), { numRuns: 300 });
  });

  it('for non-negative counters the bound is 1 % of the type-7 figure itself (property)', () => {
    fc.assert(fc.property(fc.array(counters, { minLength: 1, maxLength: 300 }), fc.constantFrom(0.5, 0.9, 0.95, 0.99), (values, p) => {
      const exact = quantileSorted7([...values].sort((x, y) => x - y), p);
      expect(Math.abs(sketchOf(values).quantile(p) - exact)).toBeLessThanOrEqual(0.01 * exact * SLACK);
    }), { numRuns: 300 });
  });

  it('gives zeros exactly and min/max exactly (estimates are clamped to the range)', () => {
    const s = sketchOf([0, 0, 0, 5, 7]);
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(0.5)).toBe(0); // h = 4 x 0.5 = 2 -> x(2) = 0
    expect(s.quantile(1)).toBe(7);
  });

  it('merging in any order gives identical sketches (property: counts are integers)', () => {
    fc.assert(fc.property(fc.array(fc.array(finite, { maxLength: 50 }), { minLength: 2, maxLength: 5 }), (parts) => {
      const a = parts.map((p) => sketchOf(p)).reduce((x, y) => x.merge(y));
      const b = [...parts].reverse().map((p) => sketchOf(p)).reduce((x, y) => x.merge(y));
      expect(a.toJSON()).toEqual(b.toJSON());
      expect(a.toJSON()).toEqual(sketchOf(parts.flat()).toJSON());
    }), { numRuns: 100 });
  });

  it('round-trips through JSON', () => {
    const s = sketchOf([1, 2, 3, -4, 0, 1e6]);
    const t = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect([0.1, 0.5, 0.95].map((p) => t.quantile(p))).toEqual([0.1, 0.5, 0.95].map((p) => s.quantile(p)));
  });

  it('refuses to merge sketches of different accuracy, and an accuracy outside (0, 1)', () => {
    expect(() => new QuantileSketch(0.01).merge(new QuantileSketch(0.02))).toThrow(/different accuracy/);
    expect(() => new QuantileSketch(1)).toThrow(/\(0, 1\)/);
  });

  it('keeps about ln(max/min)/ln(gamma) buckets: 1..1e6 at 1 % fits in 700 buckets', () => {
    // gamma = 1.01/0.99 = 1.0202; ln(1e6) / ln(1.0202) = 13.8 / 0.02 = 691
    const s = new QuantileSketch(0.01);
    for (let i = 1; i <= 1e6; i *= 1.001) s.add(i);
    expect(s.toJSON().positive.length).toBeLessThanOrEqual(700);
  });
});
