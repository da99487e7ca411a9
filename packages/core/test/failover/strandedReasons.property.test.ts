import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestFitReplace, checkFailover, fits, resolvePolicy, vmDemand, RESOURCES, type Host, type Placement, type Reason, type Resource, type Vm } from '@hostplan/core';

const policy = resolvePolicy({});

const hostArb = fc.record({ memoryGB: fc.constantFrom(8, 16, 32), coresPerSocket: fc.constantFrom(2, 4), clockGHz: fc.constantFrom(2, 3) });
const vmArb = fc.record({
  memoryGB: fc.constantFrom(1, 2, 4, 6), vcpus: fc.constantFrom(1, 2, 4, 8), cpuUtilization: fc.constantFrom(0.2, 0.5, 1),
  anti: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }), affinity: fc.option(fc.constantFrom('a1'), { nil: undefined }),
});

/** A random packed farm (best fit, so failure sets strand VMs) with anti-affinity and affinity groups. */
const farmArb = fc.record({ hosts: fc.array(hostArb, { minLength: 2, maxLength: 6 }), vms: fc.array(vmArb, { minLength: 1, maxLength: 30 }), k: fc.constantFrom(1, 2) })
  .map(({ hosts, vms, k }) => {
    const hs: Host[] = hosts.map((h, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, ...h }));
    const vs: Vm[] = vms.map((v, i) => ({ id: `v${i}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.anti && { antiAffinity: [v.anti] }), ...(v.affinity && { affinity: [v.affinity] }) }));
    const initial = bestFitReplace({ hosts: hs, vms: vs, pinned: [], displaced: vs.map((v) => v.id), policy });
    const placed = new Set(initial.placements.map((p) => p.vm));
    return { hosts: hs, vms: vs.filter((v) => placed.has(v.id)), plan: { placements: [...initial.placements] }, k: Math.min(k, hs.length - 1) };
  });

/**
 * Why `vm` cannot go on each host after a failure, worked out from scratch: the VMs on each
 * host (those that stayed, in plan order, then the restarts), their summed demand, `fits`, the
 * anti-affinity groups there and the host each affinity group is bound to.
 */
function bruteReasons(vm: Vm, hosts: readonly Host[], vms: readonly Vm[], stayed: readonly Placement[], restarts: readonly Placement[], failed: ReadonlySet<string>): Reason[] {
  const byId = new Map(vms.map((v) => [v.id, v]));
  const after = [...stayed, ...restarts];
  const boundTo = (g: string) => {
    const stayedHost = hosts.find((h) => stayed.some((p) => p.host === h.id && byId.get(p.vm)!.affinity?.includes(g)));
    return stayedHost?.id ?? restarts.find((p) => byId.get(p.vm)!.affinity?.includes(g))?.host;
  };
  return hosts.flatMap((h): Reason[] => {
    if (failed.has(h.id)) return [{ kind: 'unavailable', host: h.id, message: `host ${h.id} is down in this failure set` }];
    const here = after.filter((p) => p.host === h.id).map((p) => byId.get(p.vm)!);
    const used = Object.fromEntries(RESOURCES.map((r) => [r, 0])) as Record<Resource, number>;
    for (const v of here) { const d = vmDemand(v, h, policy).vector; for (const r of RESOURCES) used[r] += d[r]; }
    const fit = fits(vm, h, used, policy);
    const out: Reason[] = fit.ok ? [] : [
      ...fit.shortfalls.map((s): Reason => ({ kind: 'capacity', host: h.id, shortfall: s, message: s.message })),
      ...fit.violations.map((v): Reason => ({ kind: 'platform', host: h.id, violation: v, message: v.message })),
    ];
    for (const g of vm.antiAffinity ?? []) {
      const other = here.find((o) => o.antiAffinity?.includes(g));
      if (other) out.push({ kind: 'anti-affinity', host: h.id, group: g, conflictingVm: other.id, message: `anti-affinity group ${g}: ${other.id} already runs on ${h.id}` });
    }
    for (const g of vm.affinity ?? []) {
      const at = boundTo(g);
      if (at !== undefined && at !== h.id) out.push({ kind: 'affinity', host: h.id, group: g, message: `affinity group ${g} runs on ${at}` });
    }
    return out;
  });
}

describe('stranded VMs of failure sets (random packed farms of up to 6 hosts)', () => {
  it('each stranded VM has, for every host, the reasons worked out from scratch on the layout after the restarts, and fits no survivor', () => {
    let stranded = 0;
    fc.assert(fc.property(farmArb, ({ hosts, vms, plan, k }) => {
      const r = checkFailover(hosts, plan, { vms, k });
      const byId = new Map(vms.map((v) => [v.id, v]));
      for (const s of r.scenarios) {
        const failed = new Set(s.failed);
        const stayed = plan.placements.filter((p) => !failed.has(p.host));
        for (const u of s.unplaced) {
          stranded++;
          const expected = bruteReasons(byId.get(u.vm)!, hosts, vms, stayed, s.placements, failed);
          expect(u.reasons).toEqual(expected);
          // every host refuses it: no survivor is left without a reason
          for (const h of hosts) expect(u.reasons.some((x) => x.host === h.id), `${u.vm} refused by ${h.id}`).toBe(true);
        }
      }
    }), { numRuns: 150 });
    expect(stranded).toBeGreaterThan(0);
  });

  it("explains VMs stranded where the placement engine's answer won the portfolio in the same words, on the layout after the restarts", () => {
    // found by the property above (seed -254741653): best fit strands more than placeVms here, whose
    // unplaced VMs came worded as a fresh placement's ("marked unavailable", another order)
    const hosts: Host[] = [8, 8, 32, 8].map((memoryGB, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, memoryGB, coresPerSocket: 2, clockGHz: 2 }));
    const vms: Vm[] = [
      { id: 'v0', vcpus: 2, memoryGB: 1, cpuUtilization: 1, antiAffinity: ['g1'] },
      { id: 'v1', vcpus: 4, memoryGB: 1, cpuUtilization: 0.5, antiAffinity: ['g1'] },
      { id: 'v2', vcpus: 1, memoryGB: 2, cpuUtilization: 0.2, affinity: ['a1'] },
      { id: 'v3', vcpus: 1, memoryGB: 2, cpuUtilization: 0.2, affinity: ['a1'] },
      { id: 'v4', vcpus: 1, memoryGB: 4, cpuUtilization: 0.2, antiAffinity: ['g1'] },
    ];
    const plan = { placements: [{ vm: 'v0', host: 'h0' }, { vm: 'v1', host: 'h1' }, { vm: 'v4', host: 'h3' }, { vm: 'v2', host: 'h1' }, { vm: 'v3', host: 'h1' }] };
    const r = checkFailover(hosts, plan, { vms, k: 2 });
    const byId = new Map(vms.map((v) => [v.id, v]));
    let checked = 0;
    for (const s of r.scenarios) {
      const failed = new Set(s.failed);
      const stayed = plan.placements.filter((p) => !failed.has(p.host));
      for (const u of s.unplaced) {
        expect(u.reasons).toEqual(bruteReasons(byId.get(u.vm)!, hosts, vms, stayed, s.placements, failed));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a failing set binds on the resource most often short in its stranded VMs\' reasons (when any is)', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms, plan, k }) => {
      for (const s of checkFailover(hosts, plan, { vms, k }).scenarios) {
        const counts = new Map<Resource, number>();
        for (const u of s.unplaced) for (const x of u.reasons) if (x.kind === 'capacity') counts.set(x.shortfall.resource, (counts.get(x.shortfall.resource) ?? 0) + 1);
        if (!counts.size) continue;
        const most = Math.max(...counts.values());
        expect(s.binding).toBe(RESOURCES.find((res) => counts.get(res) === most));
      }
    }), { numRuns: 100 });
  });

  it('the reasons are plain data: JSON carries them, and reading them changes neither the verdict nor the scenarios', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms, plan, k }) => {
      const unread = checkFailover(hosts, plan, { vms, k });
      const read = checkFailover(hosts, plan, { vms, k });
      const json = JSON.parse(JSON.stringify(read.scenarios)) as typeof read.scenarios;
      json.forEach((s, i) => s.unplaced.forEach((u, j) => expect(u.reasons).toEqual(read.scenarios[i]!.unplaced[j]!.reasons)));
      expect(read.verdict).toBe(unread.verdict);
      // a frozen result still explains its stranded VMs, the same way
      const frozen = checkFailover(hosts, plan, { vms, k });
      frozen.scenarios.forEach((s, i) => s.unplaced.forEach((u, j) => expect(Object.freeze(u).reasons).toEqual(read.scenarios[i]!.unplaced[j]!.reasons)));
      expect(read.scenarios.map((s) => [s.failed, s.placements, s.unplaced.map((u) => u.vm), s.binding])).toEqual(unread.scenarios.map((s) => [s.failed, s.placements, s.unplaced.map((u) => u.vm), s.binding]));
    }), { numRuns: 60 });
  });
});
