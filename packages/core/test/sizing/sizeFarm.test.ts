import { describe, expect, it } from 'vitest';
import { buildFarm, checkFailover, grownInventory, resolvePolicy, sizeFarm, vmsAfter, withSpares } from '@hostplan/core';
import { BIG, MONTH_R32, MONTH_SMALL, R32, SMALL, sampleInventory, vms2GB } from './fixtures.js';

describe('sizeFarm(catalog, vms, { failover })', () => {
  it('sizes one model: lower bound, packing, then k spares verified by re-placement', () => {
    // 30 VMs x 2,088 MB = 62,640 MB; / 32,256 MB per host = 1.94 -> 2 hosts for the load; + 1 spare = 3
    const s = sizeFarm([R32], vms2GB(30), { failover: 1 });
    const o = s.options[0]!;
    expect(o).toMatchObject({ name: 'R32', hosts: 3, hostsForLoad: 2, lowerBound: 2, feasible: true, binding: 'memoryMB' });
    expect(o.failover).toMatchObject({ k: 1, tolerates: true, exhaustive: true, scenarios: 3 });
    // 3 x 411.58 = 1,234.73 a month; / 30 VMs = 41.16
    expect(o.costPerMonth).toBeCloseTo(3 * MONTH_R32, 8);
    expect(o.costPerVmMonth).toBeCloseTo((3 * MONTH_R32) / 30, 8);
    expect(o.vmCosts.reduce((x, v) => x + v.costPerMonth, 0)).toBeCloseTo(o.costPerMonth, 6);
    // memory: 62,640 / (3 x 32,256) = 0.647
    expect(o.utilization.memoryMB).toBeCloseTo(62640 / 96768, 6);
    expect(o.clusters).toEqual([{ id: 'c1', hosts: ['R32-01', 'R32-02', 'R32-03'] }]);
  });

  it('the spares it adds really carry a failure (independent checkFailover on the farm it reports)', () => {
    const vms = vms2GB(40);
    const o = sizeFarm([R32], vms, { failover: 2 }).options[0]!;
    // 40 x 2,088 = 83,520 MB / 32,256 = 2.59 -> 3 for the load, + 2 spares = 5
    expect([o.hostsForLoad, o.hosts]).toEqual([3, 5]);
    const hosts = buildFarm([{ entry: R32, count: o.hosts }], resolvePolicy({}));
    const r = checkFailover(hosts, { placements: o.placements }, { vms, k: 2 });
    expect(r.tolerates).toBe(true);
    expect(r.scenarios).toHaveLength(10); // C(5, 2)
    // one host fewer does not survive 2 failures
    const fewer = buildFarm([{ entry: R32, count: o.hosts - 1 }], resolvePolicy({}));
    const packed = o.placements.filter((p) => fewer.some((h) => h.id === p.host));
    expect(packed).toHaveLength(40);
    expect(checkFailover(fewer, { placements: packed }, { vms, k: 2 }).tolerates).toBe(false);
  });

  it('adds k spares per cluster when the farm splits (16 nodes on 2008)', () => {
    // 20 hosts for the load: 2 clusters, 1 spare each -> withSpares(20, 1, 16) = 22
    expect(withSpares(20, 1, 16)).toBe(22);
    expect(withSpares(15, 1, 16)).toBe(16);
    expect(withSpares(16, 1, 16)).toBe(18);
    // 300 VMs / 15 per host = 20 hosts for the load
    const o = sizeFarm([R32], vms2GB(300), { failover: 1, maxScenarios: 50 }).options[0]!;
    expect([o.hostsForLoad, o.hosts, o.clusters.length]).toEqual([20, 22, 2]);
    expect(o.failover.tolerates).toBe(true);
  });

  it('shows the sample inventory with N+1 on two host models side by side, cheapest first', () => {
    const s = sizeFarm([R32, BIG, SMALL], sampleInventory(), { failover: 1, mixed: false });
    // Small (16 GB) cannot run the 16 GB SQL VMs (16,384 + 152 MB overhead = 16,536 > 15,872 MB): ranked last
    expect(s.options.map((o) => [o.name, o.feasible])).toEqual([['Big', true], ['R32', true], ['Small', false]]);
    expect(s.options[2]!.unplaced.map((u) => u.vm)).toEqual(['sql-01', 'sql-02', 'sql-03', 'sql-04']);
    const [big, r32] = s.options;
    expect(big!.costPerMonth).toBeLessThan(r32!.costPerMonth);
    for (const o of [big!, r32!]) {
      expect(o.failover.tolerates).toBe(true);
      expect(o.hosts).toBeGreaterThan(o.hostsForLoad);
      expect(o.hostsForLoad).toBeGreaterThanOrEqual(o.lowerBound!);
      expect(o.placements).toHaveLength(50);
    }
    // the SQL guest cluster never shares a host
    const sqlHosts = s.options[0]!.placements.filter((p) => p.vm.startsWith('sql')).map((p) => p.host);
    expect(new Set(sqlHosts).size).toBe(4);
  });

  it('finds a cheaper mix of two models', () => {
    // 66 VMs of 2 GB. Big holds 31: ceil(137,808 / 65,024) = 3 + 1 spare = 4 x 411.58 = 1,646.31.
    // Small holds 7: ceil(66 / 7) = 10 + 1 = 11 x 175.23 = 1,927.53.
    // Mix: 2 Big (62) + 1 Small (4) + 1 Big spare = 3 x 411.58 + 175.23 = 1,409.96.
    const s = sizeFarm([BIG, SMALL], vms2GB(66), { failover: 1 });
    const best = s.options[0]!;
    expect(best.name).toBe('Big + Small');
    expect(best.models.map((m) => [m.model, m.hosts])).toEqual([['Big', 3], ['Small', 1]]);
    expect(best.costPerMonth).toBeCloseTo(3 * MONTH_R32 + MONTH_SMALL, 6);
    expect(best.failover.tolerates).toBe(true);
    expect(s.options.slice(1).map((o) => [o.name, o.hosts])).toEqual([['Big', 4], ['Small', 11]]);
  });

  it('never mixes models of different platforms in one farm (a cluster runs one version)', () => {
    const big2016 = { ...BIG, host: { ...BIG.host, platform: 'hyperv-2016' } };
    const s = sizeFarm([big2016, SMALL], vms2GB(66), { failover: 1 });
    expect(s.options.map((o) => o.name)).toEqual(['Big', 'Small']);
  });

  it('reports VMs a model cannot run, and ranks that model last', () => {
    const vms = [...vms2GB(4), { id: 'huge', vcpus: 1, memoryGB: 24 }];
    // 24 GB + 216 MB overhead = 24,792 MB > Small's 15,872
    const s = sizeFarm([SMALL, R32], vms, { failover: 1, mixed: false });
    expect(s.options.map((o) => [o.name, o.feasible])).toEqual([['R32', true], ['Small', false]]);
    const small = s.options[1]!;
    expect(small.unplaced.map((u) => u.vm)).toEqual(['huge']);
    expect(small.unplaced[0]!.reasons[0]).toMatchObject({ kind: 'capacity', host: 'Small' });
  });
});

describe('sizeFarm licensing', () => {
  const prices = { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 };

  it('licenses each model for the most Windows guests a host runs, failover included', () => {
    // 30 Windows VMs on 3 hosts: 15 + 15 + 0; when a host fails the spare takes 15: peak 15 per host.
    // 15 guests on 2 sockets (2008): Datacenter 2 x 2,999 = 5,998 < 3 Enterprise + 3 Standard = 11,994;
    // 5,998 / 36 months = 166.61 a month per host on top of 411.58
    const o = sizeFarm([R32], vms2GB(30), { licensing: { era: '2008', prices } }).options[0]!;
    expect(o.models[0]!.licensing).toMatchObject({ windowsGuests: 15, total: 5998 });
    expect(o.models[0]!.cost.licences).toBeCloseTo(5998 / 36, 8);
    expect(o.costPerMonth).toBeCloseTo(3 * (MONTH_R32 + 5998 / 36), 6);
  });

  it('counts no licence for Linux guests beyond the host itself', () => {
    // 0 Windows guests: one Standard licence for the host, 999 / 36 a month
    const vms = vms2GB(30).map((v) => ({ ...v, guestOS: 'Linux' }));
    const o = sizeFarm([R32], vms, { licensing: { era: '2008', prices } }).options[0]!;
    expect(o.models[0]!.licensing).toMatchObject({ windowsGuests: 0, total: 999 });
  });
});

describe('sizeFarm what-if', () => {
  it('adds and removes VMs', () => {
    const vms = vms2GB(30);
    // 30 - 5 + 10 = 35 VMs: 73,080 MB / 32,256 = 2.27 -> 3 + 1 spare
    const s = sizeFarm([R32], vms, { whatIf: { remove: ['v001', 'v002', 'v003', 'v004', 'v005'], add: vms2GB(10, 'new') } });
    expect(s.vms).toBe(35);
    expect(s.options[0]!.hosts).toBe(4);
    expect(() => sizeFarm([R32], vms, { whatIf: { remove: ['nope'] } })).toThrow(/whatIf.remove\[0\]/);
    expect(() => sizeFarm([R32], vms, { whatIf: { add: vms2GB(1) } })).toThrow(/duplicate id "v001"/);
  });

  it('answers "when do we run out?" under growth', () => {
    // 24 VMs on 3 hosts (2 + 1 spare): with one host down, 2 x 15 = 30 VMs fit.
    // 24 x 1.05^4 = 29.17 -> 30 fits; 24 x 1.05^5 = 30.63 -> 31 does not: month 5
    const s = sizeFarm([R32], vms2GB(24), { whatIf: { growthRate: 0.05, horizonMonths: 12 } });
    const r = s.options[0]!.runway!;
    expect(s.options[0]!.hosts).toBe(3);
    expect(r.runsOutAtMonth).toBe(5);
    expect(r.vmsByMonth).toEqual([24, 26, 27, 28, 30, 31]);
    // at 12 months: ceil(24 x 1.05^12) = 44 VMs -> 91,872 MB / 32,256 = 2.85 -> 3 + 1 = 4 hosts
    expect(vmsAfter(24, 0.05, 12)).toBe(44);
    expect(r.hostsAtHorizon).toBe(4);
    expect(sizeFarm([R32], vms2GB(10), { whatIf: { growthRate: 0.01, horizonMonths: 6 } }).options[0]!.runway!.runsOutAtMonth).toBeNull();
    expect(() => sizeFarm([R32], vms2GB(10), { whatIf: { growthRate: -1 } })).toThrow(/whatIf.growthRate/);
  });

  it('grows the inventory with independent copies', () => {
    const g = grownInventory([{ id: 'a', vcpus: 1, memoryGB: 2, antiAffinity: ['x'] }, { id: 'b', vcpus: 2, memoryGB: 4 }], 5);
    expect(g.map((v) => v.id)).toEqual(['a', 'b', 'a+1', 'b+1', 'a+2']);
    expect(g[2]!.antiAffinity).toBeUndefined();
  });
});
