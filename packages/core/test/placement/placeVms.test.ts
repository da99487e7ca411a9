import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fits, hostCapacity, parseHosts, placeVms, rateHosts, vmDemand, RESOURCES, type Host, type PlacementPlan, type Vm } from '@hostplan/core';
import { host2008, shuffle, vm } from '../fixtures.js';
import { hostArb, vmArb } from '../arbitraries/domain.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });

/** Farms of 1-5 hosts and 0-14 VMs, VMs with anti-affinity and affinity groups from small sets. */
const farmArb = fc.record({
  hosts: fc.array(hostArb(), { minLength: 1, maxLength: 5 }).map((hs) => hs.map((h, i) => ({ ...h, id: `h${i}` }))),
  vms: fc.array(fc.tuple(vmArb(), fc.subarray(['ga', 'gb']), fc.subarray(['pair'], { maxLength: 1 }), fc.boolean()), { maxLength: 14 })
    .map((vs) => vs.map(([v, anti, aff, withAff], i): Vm => ({ ...v, id: `v${i}`, antiAffinity: anti, ...(withAff && aff.length ? { affinity: aff } : {}) }))),
  goal: fc.constantFrom('consolidate' as const, 'balance' as const),
});

function checkCapacity(hosts: readonly Host[], vms: readonly Vm[], plan: PlacementPlan): void {
  const byId = new Map(vms.map((v) => [v.id, v]));
  for (const h of hosts) {
    const limits = hostCapacity(h).limits;
    const on = plan.placements.filter((p) => p.host === h.id).map((p) => byId.get(p.vm)!);
    for (const r of RESOURCES) {
      const sum = on.reduce((s, v) => s + vmDemand(v, h).vector[r], 0);
      expect(sum).toBeLessThanOrEqual(limits[r] + 1e-9 * Math.max(1, limits[r]));
    }
  }
}

describe('placeVms(hosts, vms, options): properties', () => {
  it('never puts a host over capacity, accounts for every VM once, keeps anti-affinity and affinity', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms, goal }) => {
      const plan = placeVms(hosts, vms, { goal });
      checkCapacity(hosts, vms, plan);
      const ids = [...plan.placements.map((p) => p.vm), ...plan.unplaced.map((u) => u.vm)].sort();
      expect(ids).toEqual(vms.map((v) => v.id).sort());
      const hostOf = new Map(plan.placements.map((p) => [p.vm, p.host]));
      for (const a of vms) for (const b of vms) {
        if (a.id >= b.id || !hostOf.has(a.id) || !hostOf.has(b.id)) continue;
        if ((a.antiAffinity ?? []).some((g) => (b.antiAffinity ?? []).includes(g))) expect(hostOf.get(a.id)).not.toBe(hostOf.get(b.id));
        if ((a.affinity ?? []).some((g) => (b.affinity ?? []).includes(g))) expect(hostOf.get(a.id)).toBe(hostOf.get(b.id));
      }
      for (const u of plan.unplaced) {
        // reasons are per host: every host explains itself
        expect(new Set(u.reasons.map((r) => r.host))).toEqual(new Set(hosts.map((h) => h.id)));
      }
      expect(plan.summary.hostsUsed).toBeGreaterThanOrEqual(plan.unplaced.length ? 0 : plan.summary.lowerBound);
    }), { numRuns: 80 });
  });

  it('gives the identical plan for the same input in any order', () => {
    fc.assert(fc.property(farmArb, fc.integer({ min: 1, max: 1e6 }), ({ hosts, vms, goal }, seed) => {
      const a = placeVms(hosts, vms, { goal });
      const b = placeVms(shuffle(hosts, seed), shuffle(vms, seed + 1), { goal });
      expect(b).toEqual(a);
    }), { numRuns: 60 });
  });

  it('adding a host to a plan, its placed VMs pinned where they are, never leaves more VMs unplaced', () => {
    // The unplaced VMs did not fit the old hosts as the plan leaves them; pinned, the old hosts
    // stay so, and the new host only adds room.
    fc.assert(fc.property(farmArb, hostArb('zz-extra'), ({ hosts, vms, goal }, extra) => {
      const plan = placeVms(hosts, vms, { goal });
      const grown = placeVms([...hosts, extra], vms, { goal, pinned: plan.placements });
      expect(grown.unplaced.length).toBeLessThanOrEqual(plan.unplaced.length);
      for (const p of plan.placements) expect(grown.placements).toContainEqual(p);
    }), { numRuns: 80 });
  });

  it('re-planned from scratch with a host added, leaves no more VMs unplaced on 80 fixed farms (a regression check: a greedy packer cannot promise it for every farm)', () => {
    // Bin-packing anomalies: a new host can change the order in which hosts fill. placeVms
    // re-tries unplaced VMs by moving one placed VM, which made counterexamples vanish in about
    // 8,000 random cases; these 80 farms (fixed seed) are checked every run.
    fc.assert(fc.property(farmArb, hostArb('zz-extra'), ({ hosts, vms, goal }, extra) => {
      const before = placeVms(hosts, vms, { goal }).unplaced.length;
      const after = placeVms([...hosts, extra], vms, { goal }).unplaced.length;
      expect(after).toBeLessThanOrEqual(before);
    }), { numRuns: 80, seed: 20261122 });
  });

  it('re-places the VMs of a failed host with the survivors pinned (N+1 building block)', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms }) => {
      const first = placeVms(hosts, vms);
      const failed = hosts[0]!.id;
      const pinned = first.placements.filter((p) => p.host !== failed);
      const after = placeVms(hosts.map((h) => (h.id === failed ? { ...h, unavailable: true } : h)), vms, { pinned });
      for (const p of pinned) expect(after.placements).toContainEqual(p);
      expect(after.placements.some((p) => p.host === failed)).toBe(false);
      checkCapacity(hosts, vms, after);
    }), { numRuns: 50 });
  });
});

describe('placeVms(hosts, vms, options): worked examples', () => {
  // host2008: 2 x 4 cores x 3.0 GHz = 24 GHz less 10 % = 21.6 GHz; 32,768 - 512 MB = 32,256 MB
  it('consolidate fills one host, balance spreads over both', () => {
    // four 4 GB VMs: 4,096 + 56 MB overhead = 4,152 MB each, 16,608 MB together: all fit on one host
    const vms = [1, 2, 3, 4].map((i) => vm(`v${i}`, 1, 4));
    const hosts = [host('a'), host('b')];
    const pack = placeVms(hosts, vms, { goal: 'consolidate' });
    expect(pack.summary.hostsUsed).toBe(1);
    expect(pack.summary.lowerBound).toBe(1);
    expect(pack.hosts[0]!.used.memoryMB).toBe(4 * 4152);
    expect(pack.hosts[0]!.binding).toBe('memoryMB'); // 16,608 / 32,256 = 0.51 vs CPU 4 x 0.6 / 21.6 = 0.11
    const spread = placeVms(hosts, vms, { goal: 'balance' });
    expect(spread.summary.hostsUsed).toBe(2);
    expect(spread.hosts.map((h) => h.vms.length)).toEqual([2, 2]);
  });

  it('explains an unplaced VM per host, with the memory it lacks', () => {
    // a: holds a 24 GB VM pinned: 24,576 + 32 + 8 x 23 = 24,792 MB, leaving 7,464 MB
    // b: unavailable. The 8 GB VM needs 8,192 + 88 = 8,280 MB: 816 MB short on a
    const vms = [vm('big', 2, 24), vm('new', 1, 8)];
    const plan = placeVms([host('a'), host('b', { unavailable: true })], vms, { pinned: [{ vm: 'big', host: 'a' }] });
    expect(plan.placements).toEqual([{ vm: 'big', host: 'a' }]);
    expect(plan.unplaced).toHaveLength(1);
    const [onA, onB] = plan.unplaced[0]!.reasons;
    expect(onA).toMatchObject({ kind: 'capacity', host: 'a', shortfall: { resource: 'memoryMB', requested: 8280, available: 7464 } });
    expect(onA!.message).toContain('needs 816 MB more memory');
    expect(onB).toMatchObject({ kind: 'unavailable', host: 'b' });
  });

  it('keeps anti-affinity pairs apart and affinity groups together', () => {
    const vms = [
      vm('sql-a', 1, 2, { antiAffinity: ['sql'] }), vm('sql-b', 1, 2, { antiAffinity: ['sql'] }),
      vm('web', 1, 2, { affinity: ['app'] }), vm('cache', 1, 2, { affinity: ['app'] }),
    ];
    const plan = placeVms([host('a'), host('b')], vms);
    const on = Object.fromEntries(plan.placements.map((p) => [p.vm, p.host]));
    expect(on['sql-a']).not.toBe(on['sql-b']);
    expect(on.web).toBe(on.cache);
  });

  it('rejects misuse with a HostplanError naming the field', () => {
    expect(() => placeVms([host('a'), host('a')], [])).toThrow(/hosts\[1\]\.id/);
    expect(() => placeVms([host('a')], [vm('v', 1, 1)], { pinned: [{ vm: 'x', host: 'a' }] })).toThrow(/options\.pinned\[0\]\.vm/);
    expect(() => placeVms([host('a')], [vm('v', 1, 1)], { pinned: [{ vm: 'v', host: 'zz' }] })).toThrow(/options\.pinned\[0\]\.host/);
    expect(() => placeVms([host('a')], [], { goal: 'pack' as never })).toThrow(/options\.goal/);
  });

  it('lists the engine options among the assumptions', () => {
    const plan = placeVms([host('a')], [vm('v', 1, 1)], { goal: 'balance', weights: { memoryMB: 3 } });
    const a = Object.fromEntries(plan.assumptions.map((x) => [x.name, x]));
    expect(a['placement.goal']).toMatchObject({ value: 'balance', isDefault: false });
    expect(a['placement.weights.memoryMB']).toMatchObject({ value: 3, isDefault: false });
    expect(a['placement.weights.cpuGHz']).toMatchObject({ value: 1, isDefault: true });
    expect(a['policy.rootReserveMB']).toMatchObject({ value: 512, isDefault: true });
  });

  it('the effort budget never leaves more VMs unplaced, nor uses more hosts for the same VMs', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms }) => {
      const greedy = placeVms(hosts, vms, { effort: 0 });
      const improved = placeVms(hosts, vms);
      // the budget also pays for the second chance of unplaced VMs, which may open a host
      expect(improved.unplaced.length).toBeLessThanOrEqual(greedy.unplaced.length);
      if (improved.unplaced.length === greedy.unplaced.length) expect(improved.summary.hostsUsed).toBeLessThanOrEqual(greedy.summary.hostsUsed);
    }), { numRuns: 40 });
  });
});

describe('fits and placement agree', () => {
  it('a VM placed alone on a host fits there', () => {
    fc.assert(fc.property(hostArb('h'), vmArb('v'), (h, v) => {
      const plan = placeVms([h], [v]);
      expect(plan.placements.length === 1).toBe(fits(v, h).ok);
    }), { numRuns: 100 });
  });
});

describe('placeVms and rateHosts check ids as the parsers do', () => {
  it('name the duplicate and the first position, in the parsers\' words', () => {
    const twice = [host('a'), host('b'), host('a')];
    const message = 'hosts[2].id: duplicate id "a" (first at hosts[0])';
    expect(() => parseHosts(twice, 'hosts')).toThrow(message);
    expect(() => placeVms(twice, [vm('v', 1, 2)])).toThrow(message);
    expect(() => rateHosts(twice, vm('v', 1, 2))).toThrow(message);
  });
});
