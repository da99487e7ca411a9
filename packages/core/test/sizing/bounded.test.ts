import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cheapestLicensing, clusterCount, MAX_RUNWAY_VMS, parseVbp, sizeFarm, standardEnterpriseMix, withSpares } from '@hostplan/core';
import { VBP_MAX_ITEMS } from '../../src/placement/vbp.js';
import { R32, vms2GB } from './fixtures.js';

/** withSpares as it was: one host at a time until k spares per cluster remain (terminates only for k < maxNodes). */
function withSparesByStep(forLoad: number, k: number, maxNodes: number): number {
  let t = forLoad + k;
  while (t - k * clusterCount(t, maxNodes) < forLoad) t++;
  return t;
}

/** standardEnterpriseMix's cost by trying every Enterprise count, as it did. */
function mixByEveryCount(n: number, standard: number, enterprise: number) {
  let best: { e: number; s: number; cost: number } | undefined;
  for (let e = 0; e <= Math.max(1, Math.ceil(n / 4)); e++) {
    const s = Math.max(n - 4 * e, e === 0 ? 1 : 0);
    const cost = e * enterprise + s * standard;
    if (!best || cost < best.cost || (cost === best.cost && e + s < best.e + best.s)) best = { e, s, cost };
  }
  return best!;
}

describe('work bounded by the input size, not its values', () => {
  it('withSpares(forLoad, k, maxNodes) equals the host-by-host search for every k below the node limit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 63 }), (forLoad, maxNodes, k) => {
      fc.pre(k < maxNodes);
      expect(withSpares(forLoad, k, maxNodes)).toBe(withSparesByStep(forLoad, k, maxNodes));
    }), { numRuns: 500 });
  });

  it('N+16 at the 16-node limit is refused with a clear answer instead of searching forever', () => {
    expect(() => withSpares(10, 16, 16)).toThrow(/^failover: expected fewer host failures than the 16 nodes a cluster may have, got 16/);
    expect(() => sizeFarm([R32], vms2GB(10), { failover: 16 })).toThrow(/^failover: expected fewer host failures than the 16 nodes a Hyper-V \(Windows Server 2008\) cluster may have \(model R32\), got 16/);
  });

  it('standardEnterpriseMix compares four Enterprise counts and finds what trying every count finds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 20000 }), (n, standard, enterprise) => {
      const got = standardEnterpriseMix(n, { standard, enterprise, datacenterPerSocket: 1 });
      const want = mixByEveryCount(n, standard, enterprise);
      expect(got.total).toBe(want.cost);
      expect(got.items.reduce((s, i) => s + i.count, 0)).toBe(want.e + want.s);
    }), { numRuns: 500 });
  });

  it('licenses 10,000,000,000 guests (Datacenter wins) and refuses a count past 2^53', () => {
    const prices = { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 };
    const r = cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 4, vms: 1e10, prices });
    expect(r.items).toEqual([expect.objectContaining({ edition: 'datacenter', count: 2 })]);
    // Enterprise alone: ceil(1e10 / 4) = 2.5e9 licences x $2,999
    expect(r.options.find((o) => o.items.some((i) => i.edition === 'enterprise'))!.total).toBe(2.5e9 * 2999);
    expect(() => cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 4, vms: 1e20, prices })).toThrow(/licensing\.vms: expected a whole number >= 0 \(at most 2\^53 - 1\)/);
  });

  it('growth beyond 1,000 % a month is refused; 1,000 % for 600 months runs out without packing astronomic inventories', () => {
    expect(() => sizeFarm([R32], vms2GB(10), { whatIf: { growthRate: 1e300 } })).toThrow(/^whatIf\.growthRate: expected a monthly growth rate in \[0, 10\]/);
    const r = sizeFarm([R32], vms2GB(10), { whatIf: { growthRate: 10, horizonMonths: 600 } }).options[0]!.runway!;
    // month 1: 10 x 11 = 110 VMs; R32 runs at most 128 VMs (hyperv-2008), 2 hosts (1 + spare): 256, but memory holds 15
    expect(r.runsOutAtMonth).toBe(1);
    expect(r.vmsByMonth).toEqual([10, 110]);
    expect(r.vmsAtHorizon).toBe(Infinity);
    expect(r.vmsAtHorizon > MAX_RUNWAY_VMS && r.hostsAtHorizon === null).toBe(true);
  });

  it('pack instances: a demand expanding past 1,000,000 items and an item larger than the bin are refused at their line', () => {
    expect(() => parseVbp('2\n10 10\n1\n1 1 1000000000\n', 'big.vbp')).toThrow(new RegExp(`^big\\.vbp:4: demand 1000000000 expands the instance to more than ${VBP_MAX_ITEMS.toLocaleString('en-US')} items`));
    expect(() => parseVbp('2\n10 10\n2\n1 1 3\n12 1 1\n', 'over.vbp')).toThrow(/^over\.vbp:5: item type 2 is larger than the bin on dimension 1 \(12 > 10\): no packing exists/);
    expect(parseVbp('2\n10 10\n2\n1 1 3\n12 1 0\n').items).toHaveLength(3);
  });
});
