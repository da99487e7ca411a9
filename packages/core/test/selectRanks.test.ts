import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectRanks } from '@hostplan/core';

describe('selectRanks(values, ranks)', () => {
  it('puts 3 at rank 2 of 5, 1, 4, 2, 3', () => {
    const v = Float64Array.from([5, 1, 4, 2, 3]);
    selectRanks(v, [2]);
    expect(v[2]).toBe(3);
  });

  it('places every requested order statistic where a sort would (property, ties and long arrays included)', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x))), { minLength: 1, maxLength: 600 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
      (values, ps) => {
        const sorted = Float64Array.from(values).sort();
        const v = Float64Array.from(values);
        const ranks = ps.map((p) => Math.floor(p * (values.length - 1)));
        selectRanks(v, ranks);
        for (const k of ranks) expect(v[k]).toBe(sorted[k]);
        expect([...v].sort((a, b) => a - b)).toEqual([...sorted]); // a permutation of the input
      },
    ), { numRuns: 300 });
  });
});
