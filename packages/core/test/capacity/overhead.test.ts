import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostplanError, memoryOverheadMB } from '@hostplan/core';

describe('memoryOverheadMB(vmMemoryMB)', () => {
  // Seed: 32 MB for the first GB + 8 MB per additional GB; a started GB counts as a GB.
  it.each([
    [512, 32], //     under 1 GB still pays the first GB: 32
    [1024, 32], //    1 GB: 32
    [1536, 40], //    1.5 GB -> 2 started GB: 32 + 8
    [2048, 40], //    2 GB: 32 + 8
    [4096, 56], //    4 GB: 32 + 3 x 8
    [65536, 536], //  64 GB: 32 + 63 x 8
  ])('memoryOverheadMB(%i) is %i', (mb, expected) => {
    expect(memoryOverheadMB(mb)).toBe(expected);
  });

  it('accepts an arithmetic formula of memoryMB and memoryGB in place of the rule', () => {
    // 2 % of memory, at least 16 MB: 4,096 x 0.02 = 81.92
    expect(memoryOverheadMB(4096, 'max(16, 0.02 * memoryMB)')).toBeCloseTo(81.92, 10);
    expect(memoryOverheadMB(4096, '32 + 8 * (ceil(memoryGB) - 1)')).toBe(56);
  });

  it('runs formulas in a sandbox: no import, no unknown names, no assignment', () => {
    for (const f of ['import({x: 1})', 'process.exit(1)', 'x = 3', 'evaluate("1")', 'foo + 1', 'createUnit("z")']) {
      expect(() => memoryOverheadMB(1024, f), f).toThrow(HostplanError);
    }
  });

  it('rejects formulas that give a negative or non-numeric result', () => {
    expect(() => memoryOverheadMB(1024, '-1')).toThrow(/policy.memoryOverhead/);
    expect(() => memoryOverheadMB(1024, '"text"')).toThrow(/finite number/);
  });

  it('is monotone in VM memory', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 22 }), fc.integer({ min: 0, max: 2 ** 22 }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(memoryOverheadMB(lo)).toBeLessThanOrEqual(memoryOverheadMB(hi));
    }));
  });
});
