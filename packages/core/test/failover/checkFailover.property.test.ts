import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestFitReplace, checkFailover, combinations, hostCapacity, platformViolations, resolvePolicy, vmDemand, RESOURCES, type Host, type Placement, type Vm } from '@hostplan/core';
import { tolerance } from '../../src/capacity/fits.js';

const policy = resolvePolicy({});

const hostArb = fc.record({ memoryGB: fc.constantFrom(8, 16, 32), coresPerSocket: fc.constantFrom(2, 4), clockGHz: fc.constantFrom(2, 3) });
const vmArb = fc.record({ memoryGB: fc.constantFrom(1, 2, 4, 6), vcpus: fc.constantFrom(1, 2, 4), cpuUtilization: fc.constantFrom(0.2, 0.5, 1), group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }) });

/** A random small farm and a valid plan on it (VMs that fit nowhere are left out of the plan). */
const farmArb = fc.record({
  hosts: fc.array(hostArb, { minLength: 2, maxLength: 6 }),
  vms: fc.array(vmArb, { minLength: 1, maxLength: 24 }),
  k: fc.constantFrom(1, 2),
}).map(({ hosts, vms, k }) => {
  const hs: Host[] = hosts.map((h, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, ...h }));
  const vs: Vm[] = vms.map((v, i) => ({ id: `v${i}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.group && { antiAffinity: [v.group] }) }));
  const initial = bestFitReplace({ hosts: hs, vms: vs, pinned: [], displaced: vs.map((v) => v.id), policy });
  const placed = new Set(initial.placements.map((p) => p.vm));
  return { hosts: hs, vms: vs.filter((v) => placed.has(v.id)), plan: { placements: [...initial.placements] }, k: Math.min(k, hs.length - 1) };
});

/** Independent check that the VMs on `hosts` after a failure break no rule. */
function validAfterFailure(hosts: readonly Host[], vms: readonly Vm[], placements: readonly Placement[], failed: ReadonlySet<string>): string | null {
  const vmById = new Map(vms.map((v) => [v.id, v]));
  for (const h of hosts) {
    const here = placements.filter((p) => p.host === h.id).map((p) => vmById.get(p.vm)!);
    if (failed.has(h.id) && here.length) return `VM on failed host ${h.id}`;
    const cap = hostCapacity(h, policy);
    for (const r of RESOURCES) {
      const used = here.reduce((s, v) => s + vmDemand(v, h, policy).vector[r], 0);
      if (used > cap.limits[r] + tolerance(cap.limits[r])) return `${h.id} over ${r}: ${used} > ${cap.limits[r]}`;
    }
    for (const v of here) if (platformViolations(v, h, cap.platform).length) return `${v.id} breaks a platform rule on ${h.id}`;
    const groups = here.flatMap((v) => v.antiAffinity ?? []);
    if (new Set(groups).size !== groups.length) return `anti-affinity broken on ${h.id}`;
  }
  return null;
}

describe('checkFailover properties (random farms of up to 6 hosts)', () => {
  it('a plan it says tolerates k survives every set of k failed hosts (brute force); one it says does not has a scenario with unplaced VMs', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms, plan, k }) => {
      const r = checkFailover(hosts, plan, { vms, k });
      expect(r.exhaustive).toBe(true);
      if (!r.tolerates) {
        expect(r.scenarios.some((s) => s.unplaced.length > 0)).toBe(true);
        return;
      }
      const where = new Map(plan.placements.map((p) => [p.vm, p.host]));
      for (const set of combinations(hosts.map((h) => h.id), k)) {
        const failed = new Set(set);
        const scenario = r.scenarios.find((s) => s.failed.join() === set.join());
        expect(scenario, `failure set ${set.join()} checked`).toBeDefined();
        expect(scenario!.unplaced).toEqual([]);
        const displaced = vms.filter((v) => failed.has(where.get(v.id)!)).map((v) => v.id).sort();
        expect(scenario!.placements.map((p) => p.vm).sort()).toEqual(displaced);
        const after = plan.placements.filter((p) => !failed.has(p.host)).concat(scenario!.placements);
        expect(validAfterFailure(hosts, vms, after, failed)).toBeNull();
      }
    }), { numRuns: 120 });
  });

  it('every VM of a failed host is either restarted or reported unplaced, never both, never lost', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms, plan, k }) => {
      const r = checkFailover(hosts, plan, { vms, k });
      const where = new Map(plan.placements.map((p) => [p.vm, p.host]));
      for (const s of r.scenarios) {
        const failed = new Set(s.failed);
        const displaced = vms.filter((v) => failed.has(where.get(v.id)!)).map((v) => v.id).sort();
        expect([...s.placements.map((p) => p.vm), ...s.unplaced.map((u) => u.vm)].sort()).toEqual(displaced);
        expect(s.placements.every((p) => !failed.has(p.host))).toBe(true);
      }
    }), { numRuns: 60 });
  });

  it('a farm of one model with one empty spare always survives one failure (the failed host moves whole onto the spare)', () => {
    const arb = fc.record({ model: hostArb, n: fc.integer({ min: 1, max: 5 }), vms: fc.array(vmArb, { minLength: 1, maxLength: 30 }) });
    fc.assert(fc.property(arb, ({ model, n, vms }) => {
      const hosts: Host[] = Array.from({ length: n }, (_, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, ...model }));
      const vs: Vm[] = vms.map((v, i) => ({ id: `v${i}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.group && { antiAffinity: [v.group] }) }));
      const initial = bestFitReplace({ hosts, vms: vs, pinned: [], displaced: vs.map((v) => v.id), policy });
      const placed = new Set(initial.placements.map((p) => p.vm));
      const farm = [...hosts, { ...hosts[0]!, id: 'spare' }];
      const r = checkFailover(farm, { placements: [...initial.placements] }, { vms: vs.filter((v) => placed.has(v.id)), k: 1 });
      expect(r.tolerates).toBe(true);
    }), { numRuns: 60 });
  });
});
