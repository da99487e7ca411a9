import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDecimal } from '../../src/format/numbers.js';

describe('formatDecimal on whole numbers (written without Intl)', () => {
  it('writes what Intl.NumberFormat en-US (sign only when negative) writes, for any safe integer, any decimals, fixed with 0 decimals too', () => {
    const ints = fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom(0, -0, 999, 1000, -1000, 999_999, 1_000_000));
    fc.assert(fc.property(ints, fc.integer({ min: 0, max: 4 }), (value, decimals) => {
      expect(formatDecimal(value, decimals)).toBe(new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, signDisplay: 'negative' }).format(value));
      expect(formatDecimal(value, 0, { fixed: true })).toBe(new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay: 'negative' }).format(value));
      expect(formatDecimal(value, decimals, { fixed: true })).toBe(new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: decimals, signDisplay: 'negative' }).format(value));
    }), { numRuns: 2000 });
  });

  it('never writes a negative zero: values that round to zero have no sign', () => {
    fc.assert(fc.property(fc.double({ min: -0.49, max: 0, noNaN: true }), fc.boolean(), (value, fixed) => {
      expect(formatDecimal(value, 0, { fixed })).toBe('0');
      expect(formatDecimal(value / 1000, 2, { fixed })).toBe(fixed ? '0.00' : '0');
    }));
  });
});
