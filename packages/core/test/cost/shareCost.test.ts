import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shareFarmCost, type ResourceVector } from '@hostplan/core';
import { zeroVector } from '../../src/model/resources.js';

const vec = (v: Partial<ResourceVector>): ResourceVector => ({ ...zeroVector(), ...v });
const FARM = vec({ cpuGHz: 100, memoryMB: 100_000, iops: Infinity, storageGB: 1000 });

describe('shareFarmCost(cost, capacity, demands)', () => {
  it('shares by dominant share by default', () => {
    // a: 10 GHz / 100 = 0.10, 5,000 MB / 100,000 = 0.05 -> 0.10 (cpuGHz)
    // b: 5 GHz = 0.05, 20,000 MB = 0.20 -> 0.20 (memoryMB); sum 0.30
    // a = 1,000 x 0.10 / 0.30 = 333.33; b = 666.67
    const r = shareFarmCost(1000, FARM, [{ id: 'a', vector: vec({ cpuGHz: 10, memoryMB: 5000 }) }, { id: 'b', vector: vec({ cpuGHz: 5, memoryMB: 20000 }) }]);
    expect(r.map((x) => x.dominant)).toEqual(['cpuGHz', 'memoryMB']);
    expect(r[0]!.costPerMonth).toBeCloseTo(333.33, 2);
    expect(r[1]!.costPerMonth).toBeCloseTo(666.67, 2);
  });

  it('shares by a weighted mix as an option', () => {
    // weights cpu 1, memory 3 (sum 4): a = (0.10 + 3 x 0.05) / 4 = 0.0625; b = (0.05 + 3 x 0.20) / 4 = 0.1625
    // a = 1,000 x 0.0625 / 0.225 = 277.78
    const r = shareFarmCost(1000, FARM, [{ id: 'a', vector: vec({ cpuGHz: 10, memoryMB: 5000 }) }, { id: 'b', vector: vec({ cpuGHz: 5, memoryMB: 20000 }) }], { weights: { cpuGHz: 1, memoryMB: 3 } });
    expect(r[0]!.share).toBeCloseTo(0.0625, 10);
    expect(r[0]!.costPerMonth).toBeCloseTo(277.78, 2);
    expect(() => shareFarmCost(1000, FARM, [], { weights: { ram: 1 } as never })).toThrow(/costShare.weights.ram: unknown resource/);
  });

  it('adds up to the farm cost, and a VM at least as large on every resource pays at least as much', () => {
    const demand = fc.record({ cpuGHz: fc.double({ min: 0, max: 10, noNaN: true }), memoryMB: fc.double({ min: 0, max: 10_000, noNaN: true }), storageGB: fc.double({ min: 0, max: 100, noNaN: true }) });
    fc.assert(fc.property(fc.array(demand, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1e5, noNaN: true }), (ds, cost) => {
      const demands = ds.map((d, i) => ({ id: `v${i}`, vector: vec(d) }));
      const r = shareFarmCost(cost, FARM, demands);
      expect(r.reduce((s, x) => s + x.costPerMonth, 0)).toBeCloseTo(cost, 6);
      const bigger = { id: 'big', vector: vec({ cpuGHz: ds[0]!.cpuGHz + 1, memoryMB: ds[0]!.memoryMB + 1, storageGB: ds[0]!.storageGB + 1 }) };
      const r2 = shareFarmCost(cost, FARM, [...demands, bigger]);
      expect(r2.at(-1)!.costPerMonth).toBeGreaterThanOrEqual(r2[0]!.costPerMonth - 1e-9);
    }), { numRuns: 100 });
  });
});
