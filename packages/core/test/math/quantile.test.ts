import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { quantileSorted7 } from '@hostplan/core';
import { quantileRank } from '@hostplan/core/internal';

describe('quantileSorted7(sorted, p)', () => {
  // R: quantile(c(3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20), c(0, .5, .9, .95, .99, 1), type = 7)
  const x = Object.freeze([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20]);
  it.each([
    [0, 3], //    h = 0
    [0.5, 9], //  h = 10 x 0.5 = 5 -> x[5] = 9
    [0.9, 16], // h = 9 -> x[9] = 16
    [0.95, 18], // h = 9.5 -> 16 + 0.5 x (20 - 16) = 18
    [0.99, 19.6], // h = 9.9 -> 16 + 0.9 x 4 = 19.6
    [1, 20],
    [0.25, 7.5], // h = 2.5 -> 7 + 0.5 x (8 - 7)
  ])('p = %s gives %s (worked by hand)', (p, want) => {
    expect(quantileSorted7(x, p)).toBeCloseTo(want, 12);
  });

  it('p95 of 1..100 is 95.05 (h = 99 x 0.95 = 94.05 -> 95 + 0.05 x 1)', () => {
    expect(quantileSorted7(Float64Array.from({ length: 100 }, (_, i) => i + 1), 0.95)).toBeCloseTo(95.05, 12);
  });

  it('returns the only value of a one-element array for every p', () => {
    expect([0, 0.3, 0.95, 1].map((p) => quantileSorted7([42], p))).toEqual([42, 42, 42, 42]);
  });

  it('throws on an empty array and on p outside 0..1', () => {
    expect(() => quantileSorted7([], 0.5)).toThrow(/at least one/);
    expect(() => quantileSorted7([1], 1.5)).toThrow(/0\.\.1/);
    expect(() => quantileSorted7([1], NaN)).toThrow(/0\.\.1/);
  });

  it('does not mutate its (frozen) input', () => {
    expect(() => quantileSorted7(x, 0.95)).not.toThrow();
    expect(x).toEqual([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20]);
  });

  it('equals simple-statistics quantileSorted bit for bit on random arrays (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), { minLength: 1, maxLength: 200 }),
      fc.oneof(fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(quantileSorted7(Float64Array.from(sorted), p)).toBe(quantileSorted(sorted, p));
      },
    ), { numRuns: 300 });
  });
});

describe('quantileRank(n, p)', () => {
  it('names the two order statistics and the weight: n = 20, p = 0.95 -> h = 18.05', () => {
    const r = quantileRank(20, 0.95);
    expect([r.lower, r.upper]).toEqual([18, 19]);
    expect(r.fraction).toBeCloseTo(0.05, 12);
  });
});
