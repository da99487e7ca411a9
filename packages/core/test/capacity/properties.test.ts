import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fits, hostCapacity, RESOURCES, vmDemand, vmsPerHost, type Vm } from '@hostplan/core';
import { addVectors, zeroVector } from '../../src/model/resources.js';
import { hostArb, policyArb, vmArb } from '../arbitraries/domain.js';

describe('capacity model properties', () => {
  it('demand is monotone in VM size (vCPUs, memory, load)', () => {
    fc.assert(fc.property(hostArb(), vmArb(), fc.integer({ min: 0, max: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (host, vm, extraQuarterGB, moreUtil) => {
      const bigger: Vm = { ...vm, memoryGB: vm.memoryGB + extraQuarterGB / 4, cpuUtilization: Math.min(1, (vm.cpuUtilization ?? 0) + moreUtil * (1 - (vm.cpuUtilization ?? 0))), iops: (vm.iops ?? 0) + 1 };
      const a = vmDemand(vm, host).vector;
      const b = vmDemand(bigger, host).vector;
      for (const r of RESOURCES) expect(b[r]).toBeGreaterThanOrEqual(a[r]);
    }));
  });

  it('capacity is never negative, whatever the reserves', () => {
    fc.assert(fc.property(hostArb(), policyArb, (host, policy) => {
      const c = hostCapacity(host, policy);
      for (const r of RESOURCES) {
        expect(c.limits[r]).toBeGreaterThanOrEqual(0);
        expect(Number.isNaN(c.limits[r])).toBe(false);
      }
    }));
  });

  it('fits agrees with vmsPerHost: n copies fit one after another, the n+1th does not', () => {
    fc.assert(fc.property(hostArb(), vmArb(), policyArb, (host, vm, policy) => {
      const { count } = vmsPerHost(host, vm, policy);
      fc.pre(count < 2000); // unlimited resources make count huge; the check below is O(count)
      const d = vmDemand(vm, host, policy).vector;
      let used = zeroVector();
      for (let i = 0; i < count; i++) {
        expect(fits(vm, host, used, policy).ok).toBe(true);
        used = addVectors(used, d);
      }
      expect(fits(vm, host, used, policy).ok).toBe(false);
    }), { numRuns: 200 });
  });

  it('does not mutate its inputs', () => {
    fc.assert(fc.property(hostArb(), vmArb(), policyArb, (host, vm, policy) => {
      const [h, v, p] = [structuredClone(host), structuredClone(vm), structuredClone(policy)];
      Object.freeze(host); Object.freeze(vm); Object.freeze(policy);
      vmsPerHost(host, vm, policy);
      fits(vm, host, {}, policy);
      expect([host, vm, policy]).toEqual([h, v, p]);
    }), { numRuns: 50 });
  });
});
