import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDecimal } from '../../src/format/numbers.js';

/** What formatDecimal writes by hand must be what Intl.NumberFormat en-US writes (the reference). */
const intl = (value: number, decimals: number, fixed: boolean) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: fixed ? decimals : 0, signDisplay: 'negative' }).format(value);

describe('formatDecimal on fractions (written without Intl)', () => {
  it('writes what Intl.NumberFormat en-US writes, for any double, 0-20 decimals, fixed or not', () => {
    const values = fc.oneof(
      fc.double({ noNaN: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      // exact ties in binary (x.5, x.25, x.125 ...), where the rounding direction shows
      fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 6 })).map(([n, k]) => n / 2 ** k),
      fc.constantFrom(0.5, -0.5, 1.005, -1.005, 2.675, 0.045, 999.995, -999.995, 1e20, -1e20, 9.999999e20, 5e-324, -5e-324, Infinity, -Infinity, NaN, 1e21, 1.5e300),
    );
    fc.assert(fc.property(values, fc.integer({ min: 0, max: 20 }), fc.boolean(), (value, decimals, fixed) => {
      expect(formatDecimal(value, decimals, { fixed })).toBe(intl(value, decimals, fixed));
    }), { numRuns: 20_000 });
  });

  it('writes the examples of its documentation', () => {
    expect(formatDecimal(2.666, 1)).toBe('2.7');
    expect(formatDecimal(1200, 2, { fixed: true })).toBe('1,200.00');
    expect(formatDecimal(-1234567.891, 2)).toBe('-1,234,567.89');
    expect(formatDecimal(-0.004, 2)).toBe('0');
    expect(formatDecimal(-0.004, 2, { fixed: true })).toBe('0.00');
  });
});
