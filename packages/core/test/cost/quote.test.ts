import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quote, suggestPlanTiers, type PricedHost, type Vm } from '@hostplan/core';

// 2 x 4 cores, 3 GHz, 32 GB on hyperv-2008: 1 vCPU / 2 GB VMs cost 2,088 MB each (2,048 + 40 overhead);
// floor((32,768 - 512) / 2,088) = 15 per host, bound by memory
const ENTRY: PricedHost = { host: { id: 'r710', model: 'R710', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 }, purchasePrice: 10000, powerWatts: 400, rackUnits: 2 };
const COSTS = { termMonths: 36, interestRate: 0, pue: 1.5, pricePerKWh: 0.1, pricePerRackUnitMonth: 20, adminPerHostMonth: 50 };
const HOST_MONTH = 10000 / 36 + 43.8 + 40 + 50; // 411.58

describe('quote(plans, farm, { margin })', () => {
  it('prices a plan at the density the host allows, spares included', () => {
    const sheet = quote([{ name: 'M', vcpus: 1, memoryGB: 2 }], { entry: ENTRY, costs: COSTS }, { margin: 0.35 });
    const m = sheet.lines[0]!;
    expect(m.maxVmsPerHost).toBe(15);
    expect(m.binding).toBe('memoryMB');
    // 411.58 x 16 hosts / 15 working (1 spare in the 2008 16-node cluster) / 15 VMs = 29.27
    expect(m.costPerMonth).toBeCloseTo((HOST_MONTH * 16) / 15 / 15, 8);
    expect(m.costPerMonth).toBeCloseTo(29.27, 2);
    // price = 29.27 / (1 - 0.35) = 45.03
    expect(m.pricePerMonth).toBeCloseTo(45.03, 2);
    expect(sheet.assumptions.find((a) => a.name === 'farm.hostsPerCluster')).toMatchObject({ value: 16, isDefault: true });
    expect(sheet.assumptions.find((a) => a.name === 'quote.margin')).toMatchObject({ value: 0.35, isDefault: false });
  });

  it('shows how the price moves with density', () => {
    const m = quote([{ name: 'M', vcpus: 1, memoryGB: 2 }], { entry: ENTRY, costs: COSTS, spareHosts: 0 }, { densitySteps: [0.2, 1] }).lines[0]!;
    // densities floor(15 x 0.2) = 3 and 15; cost 411.58 / 3 = 137.19 and 411.58 / 15 = 27.44
    expect(m.byDensity.map((d) => d.vmsPerHost)).toEqual([3, 15]);
    expect(m.byDensity[0]!.costPerMonth).toBeCloseTo(HOST_MONTH / 3, 8);
    expect(m.byDensity[1]!.pricePerMonth).toBeCloseTo(HOST_MONTH / 15 / 0.65, 8);
  });

  it('prices licences per host at the density assumed', () => {
    // 15 Windows VMs on 2 sockets (2008): Datacenter 2 x 2,999 = 5,998 < 3 Enterprise + 3 Standard = 11,994;
    // 5,998 / 36 = 166.61 more per host-month
    const prices = { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 };
    const m = quote([{ name: 'M', vcpus: 1, memoryGB: 2 }], { entry: ENTRY, costs: COSTS, spareHosts: 0, licensing: { era: '2008', prices } }).lines[0]!;
    expect(m.hostCost!.licences).toBeCloseTo(5998 / 36, 8);
    // a Linux plan needs only the host licence: 1 Standard, 999 / 36
    const l = quote([{ name: 'L', vcpus: 1, memoryGB: 2, guestOS: 'Linux' }], { entry: ENTRY, costs: COSTS, spareHosts: 0, licensing: { era: '2008', prices } }).lines[0]!;
    expect(l.hostCost!.licences).toBeCloseTo(999 / 36, 8);
  });

  it('reports a plan that fits no host with the rule it breaks, never a price', () => {
    const m = quote([{ name: 'XL', vcpus: 8, memoryGB: 16 }], { entry: ENTRY, costs: COSTS }).lines[0]!;
    expect(m.costPerMonth).toBeNull();
    expect(m.violations.map((v) => v.rule)).toEqual(['max-vcpus-per-vm']);
    expect(() => quote([], { entry: ENTRY }, { margin: 1 })).toThrow(/quote.margin/);
  });

  it('price = cost / (1 - margin), and cost per VM never rises with density', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }), (margin, memoryGB, vcpus) => {
      const m = quote([{ name: 'P', vcpus, memoryGB }], { entry: ENTRY, costs: COSTS }, { margin, densitySteps: [0.1, 0.3, 0.5, 0.8, 1] }).lines[0]!;
      expect(m.pricePerMonth! * (1 - margin)).toBeCloseTo(m.costPerMonth!, 8);
      for (let i = 1; i < m.byDensity.length; i++) expect(m.byDensity[i]!.costPerMonth).toBeLessThanOrEqual(m.byDensity[i - 1]!.costPerMonth + 1e-9);
    }), { numRuns: 50 });
  });
});

describe('suggestPlanTiers(vms, { tiers })', () => {
  it('groups VM sizes with ckmeans; each tier covers its VMs', () => {
    const vms: Vm[] = [
      { id: 'a', vcpus: 1, memoryGB: 1, diskGB: 20 }, { id: 'b', vcpus: 1, memoryGB: 2, diskGB: 20 },
      { id: 'c', vcpus: 2, memoryGB: 4, diskGB: 40 }, { id: 'd', vcpus: 2, memoryGB: 4, diskGB: 60 },
      { id: 'e', vcpus: 4, memoryGB: 16, diskGB: 100 },
    ];
    // scores (mean of vcpus/4, memory/16, disk/100): a 0.17, b 0.19, c 0.38, d 0.45, e 1 -> {a, b} {c, d} {e}
    const t = suggestPlanTiers(vms, { tiers: 3 });
    expect(t.map((x) => x.vms)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(t.map((x) => x.plan)).toEqual([
      { name: 'S', vcpus: 1, memoryGB: 2, diskGB: 20 },
      { name: 'M', vcpus: 2, memoryGB: 4, diskGB: 60 },
      { name: 'L', vcpus: 4, memoryGB: 16, diskGB: 100 },
    ]);
  });

  it('every VM lands in exactly one tier whose plan covers it', () => {
    const vm = fc.record({ vcpus: fc.integer({ min: 1, max: 8 }), memoryGB: fc.integer({ min: 1, max: 64 }), diskGB: fc.integer({ min: 0, max: 500 }) });
    fc.assert(fc.property(fc.array(vm, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (raw, k) => {
      const vms = raw.map((v, i) => ({ id: `v${i}`, ...v }));
      const tiers = suggestPlanTiers(vms, { tiers: k });
      expect(tiers.flatMap((t) => t.vms).sort()).toEqual(vms.map((v) => v.id).sort());
      for (const t of tiers) for (const id of t.vms) {
        const v = vms.find((x) => x.id === id)!;
        expect(v.vcpus <= t.plan.vcpus && v.memoryGB <= t.plan.memoryGB && v.diskGB <= t.plan.diskGB!).toBe(true);
      }
    }), { numRuns: 50 });
  });
});
