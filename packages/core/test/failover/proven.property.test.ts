import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bestFitReplace, checkFailover, combinations, resolvePolicy,
  type Host, type Placement, type Vm,
} from '@hostplan/core';
import { fitsTogether } from '../support/fitsTogether.js';

const policy = resolvePolicy({});

/** Independent brute force: some assignment of the displaced VMs to survivors keeps every host valid and affinity groups together. */
function replaceable(hosts: readonly Host[], vms: readonly Vm[], placements: readonly Placement[], failed: ReadonlySet<string>): boolean {
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const survivors = hosts.filter((h) => !failed.has(h.id));
  const on = new Map(survivors.map((h) => [h.id, placements.filter((p) => p.host === h.id).map((p) => vmById.get(p.vm)!)]));
  const displaced = placements.filter((p) => failed.has(p.host)).map((p) => vmById.get(p.vm)!);
  const affinityOk = () => {
    const where = new Map<string, string>();
    for (const [h, list] of on) for (const v of list) for (const g of v.affinity ?? []) { if (where.has(g) && where.get(g) !== h) return false; where.set(g, h); }
    return true;
  };
  const dfs = (i: number): boolean => {
    if (i === displaced.length) return affinityOk();
    for (const h of survivors) {
      const list = on.get(h.id)!;
      list.push(displaced[i]!);
      if (fitsTogether(h, list) && dfs(i + 1)) return true;
      list.pop();
    }
    return false;
  };
  return dfs(0);
}

const hostArb = fc.record({ memoryGB: fc.constantFrom(8, 16, 32), coresPerSocket: fc.constantFrom(2, 4), clockGHz: fc.constantFrom(2, 3) });
const vmArb = fc.record({
  memoryGB: fc.constantFrom(1, 2, 4, 6), vcpus: fc.constantFrom(1, 2, 4), cpuUtilization: fc.constantFrom(0.2, 0.5, 1),
  anti: fc.option(fc.constantFrom('a1', 'a2'), { nil: undefined }), aff: fc.option(fc.constantFrom('f1'), { nil: undefined }),
});

/** A farm of up to 5 hosts (some may stay empty), at most 8 VMs, and a valid plan by best fit. */
const farmArb = fc.record({ hosts: fc.array(hostArb, { minLength: 2, maxLength: 5 }), vms: fc.array(vmArb, { minLength: 1, maxLength: 8 }), k: fc.constantFrom(1, 2), maxScenarios: fc.constantFrom(1, 2, 100) })
  .map(({ hosts, vms, k, maxScenarios }) => {
    const hs: Host[] = hosts.map((h, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, ...h }));
    const vs: Vm[] = vms.map((v, i) => ({ id: `v${i}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.anti && { antiAffinity: [v.anti] }), ...(v.aff && { affinity: [v.aff] }) }));
    const initial = bestFitReplace({ hosts: hs, vms: vs, pinned: [], displaced: vs.map((v) => v.id), policy });
    const placed = new Set(initial.placements.map((p) => p.vm));
    return { hosts: hs, vms: vs.filter((v) => placed.has(v.id)), placements: [...initial.placements], k: Math.min(k, hs.length - 1), maxScenarios };
  });

describe('checkFailover verdicts against an independent brute force (farms of up to 5 hosts, 8 VMs)', () => {
  it('met (by every set re-placed or by the passive-host argument) implies every failure set has a valid re-placement', () => {
    let byArgument = 0;
    fc.assert(fc.property(farmArb, ({ hosts, vms, placements, k, maxScenarios }) => {
      const r = checkFailover(hosts, { placements }, { vms, k, maxScenarios });
      expect(r.tolerates).toBe(r.verdict === 'met');
      if (r.verdict !== 'met') return;
      if (r.clusters.some((c) => c.proof === 'passive-hosts')) byArgument++;
      for (const set of combinations(hosts.map((h) => h.id), k)) expect(replaceable(hosts, vms, placements, new Set(set)), `set ${set.join('+')}`).toBe(true);
    }), { numRuns: 150 });
    // the passive-host argument was among the proofs checked
    expect(byArgument).toBeGreaterThan(0);
  });

  it('not proven only when some set went unchecked, never when every set was re-placed', () => {
    fc.assert(fc.property(farmArb, ({ hosts, vms, placements, k, maxScenarios }) => {
      const r = checkFailover(hosts, { placements }, { vms, k, maxScenarios });
      if (r.verdict === 'not proven') expect(r.coverage.checked).toBeLessThan(r.coverage.total);
      if (r.coverage.checked === r.coverage.total && r.scenarios.every((s) => s.unplaced.length === 0)) expect(r.verdict).toBe('met');
    }), { numRuns: 100 });
  });
});
