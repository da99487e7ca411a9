import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDecimal, formatUsd } from '@hostplan/core';

describe('formatDecimal and formatUsd', () => {
  it.each([
    [32256, 2, {}, '32,256'],
    [2.666, 1, {}, '2.7'],
    [0.5, 2, {}, '0.5'], //                 at most: trailing zeros dropped
    [1200, 2, { fixed: true }, '1,200.00'], // exactly
    [Infinity, 1, {}, '∞'],
    [Infinity, 1, { infinity: 'unlimited' }, 'unlimited'],
    [-1234.5, 1, {}, '-1,234.5'],
  ] as const)('formatDecimal(%d, %d, %j) is %j', (value, decimals, options, text) => {
    expect(formatDecimal(value, decimals, options)).toBe(text);
  });

  it('writes what en-US toLocaleString writes with the same digits, the sign only when negative (the inline calls it replaced)', () => {
    fc.assert(fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 6 }), fc.boolean(), (x, decimals, fixed) => {
      const expected = x.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: fixed ? decimals : 0, signDisplay: 'negative' });
      expect(formatDecimal(x, decimals, { fixed })).toBe(expected);
    }));
  });

  it('formatUsd puts a dollar sign before the amount', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.5');
    expect(formatUsd(1234.5, { fixed: true })).toBe('$1,234.50');
  });
});
