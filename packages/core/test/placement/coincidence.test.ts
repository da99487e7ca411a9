import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { hostCapacity, placeVms, vmDemand, HostplanError, PROFILED_RESOURCES, RESOURCES, type CoincidenceOptions, type Host, type PlacementPlan, type ProfiledResource, type Vm, type VmProfile } from '@hostplan/core';
import { quantileSelect7 } from '../../src/math/quantile.js';
import { host2008, shuffle, vm } from '../fixtures.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });
/** `n` values: `a` at the indices in `high`, else `b`. */
const series = (n: number, high: (i: number) => boolean, a: number, b: number) => Array.from({ length: n }, (_, i) => (high(i) ? a : b));
const hostsUsed = (plan: PlacementPlan) => plan.summary.hostsUsed;
/**
 * The plan without its coincidence assumptions and, with `bound`, without the lower bound: under
 * peak coincidence the bound counts profiled demand as zero (the percentile of a sum can be below
 * the sum of the percentiles), so it is lower even when the plan is the same.
 */
// without coincidence, VMs with the same demand share one reason list whose messages say how
// many share it; with it (profiles are per VM) each VM has its own: compare the rest
const unshared = (plan: PlacementPlan) => plan.unplaced.map((u) => ({ ...u, reasons: u.reasons.map((r) => ({ ...r, message: r.message.replace(/ \(and [\d,]+ more VMs? with the same demand\)/, '') })) }));
const withoutCoincidence = (plan: PlacementPlan, bound = false) => ({
  ...plan,
  unplaced: unshared(plan),
  summary: bound ? { ...plan.summary, lowerBound: 0 } : plan.summary,
  assumptions: plan.assumptions.filter((a) => !a.name.startsWith('placement.coincidence')),
});

describe('placeVms(hosts, vms, { coincidence }): worked examples', () => {
  // host2008: 8 cores x 3 GHz = 24 GHz, 90 % after the reserve: 21.6 GHz; 32,256 MB.
  // 21 points per profile, so the 95th percentile is at h = 20 x 0.95 = 19: the 2nd largest value.
  const hosts = [host('h1'), host('h2')];
  const day = (i: number) => i < 10;
  const cases: { name: string; vms: Vm[]; profiles: Record<string, VmProfile>; hostsOff: number; hostsOn: number; useOn: number }[] = [
    {
      // A busy by day (12 GHz at points 0-9, 2 at 10-20), B by night (2, then 12): each P95 = 12.
      // Off: 12 + 12 = 24 GHz > 21.6 -> 2 hosts. On: the sum is 14 at every point, P95 = 14 <= 21.6 -> 1 host.
      name: 'anti-correlated day and night VMs share one host with the option and not without',
      vms: [vm('a-day', 4, 4, { cpuDemandGHz: 12 }), vm('b-night', 4, 4, { cpuDemandGHz: 12 })],
      profiles: { 'a-day': { cpuGHz: series(21, day, 12, 2) }, 'b-night': { cpuGHz: series(21, day, 2, 12) } },
      hostsOff: 2, hostsOn: 1, useOn: 14,
    },
    {
      // The same VMs busy at the same time: the sum is 24 by day (10 points) and 4 by night; sorted, 11 x 4 then 10 x 24,
      // P95 = x(19) = 24 > 21.6 -> 2 hosts either way; each host uses its VM's own P95, 12 GHz.
      name: 'coinciding peaks gain nothing',
      vms: [vm('a-day', 4, 4, { cpuDemandGHz: 12 }), vm('b-day', 4, 4, { cpuDemandGHz: 12 })],
      profiles: { 'a-day': { cpuGHz: series(21, day, 12, 2) }, 'b-day': { cpuGHz: series(21, day, 12, 2) } },
      hostsOff: 2, hostsOn: 2, useOn: 12,
    },
    {
      // A percentile is not subadditive: each VM spikes to 21 GHz at one point of 21 (A at 0, B at 1), else 1 GHz:
      // each P95 = x(19) = 1 = its demand. Off: 1 + 1 = 2 GHz -> 1 host. On: the sum is 22 at points 0 and 1,
      // 2 elsewhere; sorted x(19) = 22 > 21.6 -> 2 hosts, each using 1 GHz. The option can need MORE hosts.
      name: 'two rare spikes at different times add up in the 95th percentile of the sum',
      vms: [vm('a-spike', 2, 4, { cpuDemandGHz: 1 }), vm('b-spike', 2, 4, { cpuDemandGHz: 1 })],
      profiles: { 'a-spike': { cpuGHz: series(21, (i) => i === 0, 21, 1) }, 'b-spike': { cpuGHz: series(21, (i) => i === 1, 21, 1) } },
      hostsOff: 1, hostsOn: 2, useOn: 1,
    },
    {
      // Profiles are shifted to the VM's demand: A's profile (6 by day, 1 by night) has P95 6 but A's demand is 12,
      // so A counts as 12 by day, 7 by night; B (demand 12) has profile 1 by day, 6 by night: 7, then 12.
      // The sum is 19 at every point: P95 19 <= 21.6 -> 1 host using 19 GHz (off: 24 GHz, 2 hosts).
      name: 'each VM series is shifted so that its own percentile equals its demand',
      vms: [vm('a-day', 4, 4, { cpuDemandGHz: 12 }), vm('b-night', 4, 4, { cpuDemandGHz: 12 })],
      profiles: { 'a-day': { cpuGHz: series(21, day, 6, 1) }, 'b-night': { cpuGHz: series(21, day, 1, 6) } },
      hostsOff: 2, hostsOn: 1, useOn: 19,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const off = placeVms(hosts, c.vms);
      const on = placeVms(hosts, c.vms, { coincidence: { profiles: c.profiles } });
      expect(hostsUsed(off)).toBe(c.hostsOff);
      expect(hostsUsed(on)).toBe(c.hostsOn);
      expect(on.unplaced).toEqual([]);
      const h1 = on.hosts.find((h) => h.id === 'h1')!;
      expect(h1.used.cpuGHz).toBeCloseTo(c.useOn, 9);
    });
  }

  it('an unprofiled VM counts at its demand at every instant', () => {
    // A (profiled, P95 12 = demand) by day 12, by night 2; C unprofiled, 9 GHz: 12 + 9 = 21 <= 21.6 fits on the sum
    // of demands too; with a third VM B by night (12) the sum is 14 + 9 = 23 > 21.6: B goes to h2.
    const vms = [vm('a-day', 4, 4, { cpuDemandGHz: 12 }), vm('b-night', 4, 4, { cpuDemandGHz: 12 }), vm('c-flat', 4, 4, { cpuDemandGHz: 9 })];
    const plan = placeVms(hosts, vms, { coincidence: { profiles: { 'a-day': { cpuGHz: series(21, day, 12, 2) }, 'b-night': { cpuGHz: series(21, day, 2, 12) } } } });
    expect(plan.unplaced).toEqual([]);
    for (const h of plan.hosts) expect(h.used.cpuGHz).toBeLessThanOrEqual(21.6 + 1e-9);
    expect(hostsUsed(plan)).toBe(2);
  });

  it('states peak coincidence and its percentile in assumptions; off when omitted', () => {
    const vms = [vm('a', 1, 1)];
    const on = placeVms(hosts, vms, { coincidence: { profiles: { a: { cpuGHz: [1, 2, 3] } }, percentile: 90 } });
    const get = (p: PlacementPlan, name: string) => p.assumptions.find((a) => a.name === name);
    expect(get(on, 'placement.coincidence')?.value).toBe('on');
    expect(get(on, 'placement.coincidence.percentile')).toMatchObject({ value: 90, isDefault: false });
    expect(get(on, 'placement.coincidence.resources')?.value).toEqual(['cpuGHz']);
    expect(get(on, 'placement.coincidence.points')?.value).toBe(3);
    const dflt = placeVms(hosts, vms, { coincidence: { profiles: {} } });
    expect(get(dflt, 'placement.coincidence.percentile')).toMatchObject({ value: 95, isDefault: true });
    expect(get(placeVms(hosts, vms), 'placement.coincidence')).toMatchObject({ value: 'off', isDefault: true });
  });

  it('lists profiles of VMs not being placed as unused, and places as without them', () => {
    const vms = [vm('a', 1, 1)];
    const plan = placeVms(hosts, vms, { coincidence: { profiles: { a: { cpuGHz: [1, 2, 3] }, gone: { cpuGHz: [9, 9, 9] } } } });
    expect(plan.assumptions.find((a) => a.name === 'placement.coincidence.unusedProfiles')?.value).toEqual(['gone']);
    expect(plan.assumptions.find((a) => a.name === 'placement.coincidence.profiledVms')?.value).toBe(1);
    expect(plan.placements).toEqual(placeVms(hosts, vms, { coincidence: { profiles: { a: { cpuGHz: [1, 2, 3] } } } }).placements);
  });

  it('rejects bad profiles with a HostplanError naming the field', () => {
    const vms = [vm('a', 1, 1), vm('b', 1, 1)];
    const bad: [CoincidenceOptions, string][] = [
      [{ profiles: { zz: { cpuGHz: [1, Number.POSITIVE_INFINITY] } } }, 'options.coincidence.profiles.zz.cpuGHz[1]'],
      [{ profiles: { a: { cpuGHz: [1, 2] }, b: { cpuGHz: [1] } } }, 'options.coincidence.profiles.b.cpuGHz'],
      [{ profiles: { a: { cpuGHz: [Number.NaN, null as unknown as number] } } }, 'options.coincidence.profiles.a.cpuGHz'], // gaps only: nothing measured
      [{ profiles: { a: { cpuGHz: [1, '2' as unknown as number] } } }, 'options.coincidence.profiles.a.cpuGHz[1]'],
      [{ profiles: { a: { vcpus: [1] } as VmProfile } }, 'options.coincidence.profiles.a.vcpus'],
      [{ profiles: {}, percentile: 101 }, 'options.coincidence.percentile'],
      [{ profiles: {}, resources: ['storageGB' as ProfiledResource] }, 'options.coincidence.resources[0]'],
    ];
    for (const [o, path] of bad) {
      let err: unknown;
      try { placeVms(hosts, vms, { coincidence: o }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(HostplanError);
      expect((err as HostplanError).path).toBe(path);
    }
  });
});

describe('quantileSelect7(values, p)', () => {
  it('equals simple-statistics quantileSorted on a sorted copy, bit for bit', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
      const sorted = [...xs].sort((a, b) => a - b);
      expect(quantileSelect7(Float64Array.from(xs), p)).toBe(quantileSorted(sorted, p));
    }), { numRuns: 300 });
  });
});

// Exact arithmetic for the properties that compare plans: clocks, demands and profiles are small
// dyadic numbers, and with 21 points the 50th, 95th and 100th percentiles fall on whole ranks.
const POINTS = 21;
const hostsArb = fc.array(fc.record({ cores: fc.constantFrom(2, 4, 8), memoryGB: fc.constantFrom(8, 16, 32) }), { minLength: 1, maxLength: 4 })
  .map((hs) => hs.map((h, i) => host(`h${i}`, { coresPerSocket: h.cores, sockets: 1, memoryGB: h.memoryGB })));
const vmsArb = fc.array(fc.record({ vcpus: fc.integer({ min: 1, max: 4 }), memoryGB: fc.integer({ min: 1, max: 8 }), quarterGHz: fc.integer({ min: 0, max: 40 }) }), { maxLength: 12 })
  .map((vs) => vs.map((v, i) => vm(`v${i}`, v.vcpus, v.memoryGB, { cpuDemandGHz: v.quarterGHz / 4 })));
const profileArb = fc.record({
  cpuGHz: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: POINTS, maxLength: POINTS }),
  memoryMB: fc.array(fc.integer({ min: 0, max: 4096 }), { minLength: POINTS, maxLength: POINTS }),
}, { requiredKeys: [] });
const percentileArb = fc.constantFrom(50, 95, 100);
const goalArb = fc.constantFrom('consolidate' as const, 'balance' as const);

/** Random profiles for a random subset of the VMs. */
function profilesFor(vms: readonly Vm[], picks: readonly (VmProfile | null)[]): Record<string, VmProfile> {
  const out: Record<string, VmProfile> = {};
  vms.forEach((v, i) => { const p = picks[i % Math.max(1, picks.length)]; if (p) out[v.id] = p; });
  return out;
}

describe('placeVms(hosts, vms, { coincidence }): properties', () => {
  it('every host\'s percentile-of-sum use is within its limit; every VM is placed or unplaced once; used is that use', () => {
    fc.assert(fc.property(hostsArb, vmsArb, fc.array(fc.option(profileArb), { minLength: 1, maxLength: 12 }), percentileArb, goalArb, (hosts, vms, picks, percentile, goal) => {
      const profiles = profilesFor(vms, picks);
      const plan = placeVms(hosts, vms, { goal, coincidence: { profiles, percentile } });
      const ids = [...plan.placements.map((p) => p.vm), ...plan.unplaced.map((u) => u.vm)].sort();
      expect(ids).toEqual(vms.map((v) => v.id).sort());
      const byId = new Map(vms.map((v) => [v.id, v]));
      for (const h of hosts) {
        const limits = hostCapacity(h).limits;
        const on = plan.placements.filter((p) => p.host === h.id).map((p) => byId.get(p.vm)!);
        const used = plan.hosts.find((x) => x.id === h.id)!.used;
        for (const r of RESOURCES) {
          const tol = 1e-9 * Math.max(1, limits[r]);
          const profiled = on.filter((v) => profiles[v.id]?.[r as ProfiledResource] !== undefined && (PROFILED_RESOURCES as readonly string[]).includes(r));
          let use: number;
          if (profiled.length === 0) use = on.reduce((s, v) => s + vmDemand(v, h).vector[r], 0);
          else {
            // oracle: sum each VM's shifted series (profile - own percentile + demand) point by point, then simple-statistics
            const sum = new Array<number>(POINTS).fill(0);
            let flat = 0;
            for (const v of on) {
              const d = vmDemand(v, h).vector[r];
              const prof = profiles[v.id]?.[r as ProfiledResource];
              if (!prof) { flat += d; continue; }
              const own = quantileSorted([...Array.from(prof)].sort((a, b) => a - b), percentile / 100);
              for (let i = 0; i < POINTS; i++) sum[i]! += prof[i]! - own + d;
            }
            use = quantileSorted(sum.sort((a, b) => a - b), percentile / 100) + flat;
          }
          expect(use).toBeLessThanOrEqual(limits[r] + tol);
          if (on.length > 0 && Number.isFinite(limits[r])) expect(used[r]).toBeCloseTo(use, 6);
        }
      }
      // the lower bound stays a lower bound
      if (plan.unplaced.length === 0) expect(plan.summary.hostsUsed).toBeGreaterThanOrEqual(plan.summary.lowerBound);
    }), { numRuns: 60 });
  });

  it('identical profiles (no shift in time) give the plan without the option', () => {
    fc.assert(fc.property(hostsArb, vmsArb, profileArb, percentileArb, goalArb, (hosts, vms, shared, percentile, goal) => {
      // every VM has the same series: the percentile of k copies is k times the percentile, so nothing changes
      const profiles = Object.fromEntries(vms.map((v) => [v.id, shared]));
      const on = placeVms(hosts, vms, { goal, coincidence: { profiles, percentile } });
      expect(withoutCoincidence(on, true)).toEqual(withoutCoincidence(placeVms(hosts, vms, { goal }), true));
    }), { numRuns: 60 });
  });

  it('is off by default: no profiles, or flat profiles, give exactly the plan with options omitted', () => {
    fc.assert(fc.property(hostsArb, vmsArb, fc.integer({ min: 0, max: 9 }), goalArb, (hosts, vms, level, goal) => {
      const omitted = placeVms(hosts, vms, { goal });
      expect(omitted.assumptions.find((a) => a.name === 'placement.coincidence')?.value).toBe('off');
      expect(withoutCoincidence(placeVms(hosts, vms, { goal, coincidence: { profiles: {} } }))).toEqual(withoutCoincidence(omitted));
      const flat = Object.fromEntries(vms.map((v) => [v.id, { cpuGHz: new Array<number>(POINTS).fill(level), memoryMB: new Array<number>(POINTS).fill(level * 100) }]));
      expect(withoutCoincidence(placeVms(hosts, vms, { goal, coincidence: { profiles: flat } }), true)).toEqual(withoutCoincidence(omitted, true));
    }), { numRuns: 40 });
  });

  it('gives the identical plan for the same input in any order', () => {
    fc.assert(fc.property(hostsArb, vmsArb, fc.array(fc.option(profileArb), { minLength: 1, maxLength: 12 }), percentileArb, goalArb, fc.integer({ min: 1, max: 1e6 }),
      (hosts, vms, picks, percentile, goal, seed) => {
        const profiles = profilesFor(vms, picks);
        const shuffledProfiles = Object.fromEntries(shuffle(Object.entries(profiles), seed + 1));
        const a = placeVms(hosts, vms, { goal, coincidence: { profiles, percentile } });
        const b = placeVms(shuffle(hosts, seed), shuffle(vms, seed + 2), { goal, coincidence: { profiles: shuffledProfiles, percentile } });
        expect(b).toEqual(a);
      }), { numRuns: 40 });
  });
});
