import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolvePolicy, RESOURCES, type Host, type Vm } from '@hostplan/core';
import { Farm, type FarmHost } from '../../src/placement/farm.js';
import { fillHostByHost } from '../../src/placement/fillHostByHost.js';
import { resolveScoring, type ResolvedScoring } from '../../src/placement/scoring.js';
import { affinityUnits, type Unit } from '../../src/placement/units.js';

const policy = resolvePolicy({});
const hostArb = fc.record({ memoryGB: fc.constantFrom(8, 16, 32), coresPerSocket: fc.constantFrom(2, 4), clockGHz: fc.constantFrom(2, 3), platform: fc.constantFrom('hyperv-2008', 'hyperv-2016') });
const vmArb = fc.record({ memoryGB: fc.constantFrom(1, 2, 4, 6, 12), vcpus: fc.constantFrom(1, 2, 4, 8), cpuUtilization: fc.constantFrom(0.2, 0.5, 1), anti: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }), affinity: fc.option(fc.constantFrom('a1'), { nil: undefined }) });

/** The construction as its definition reads: hosts in order, each taking while any fits the unit with the largest weighted dot product (fitsFast, no shortcuts). */
function reference(farm: Farm, ordered: readonly Unit[], scoring: ResolvedScoring): Map<Unit, FarmHost> {
  const w = scoring.weights;
  const largest = Object.fromEntries(RESOURCES.map((r) => [r, Math.max(0, ...farm.hosts.map((fh) => (Number.isFinite(fh.capacity.limits[r]) ? fh.capacity.limits[r] : 0)))]));
  const size = (fh: FarmHost) => RESOURCES.reduce((s, r) => s + (largest[r]! > 0 && Number.isFinite(fh.capacity.limits[r]) ? (w[r] || 0.01) * fh.capacity.limits[r] / largest[r]! : 0), 0);
  const order = farm.hosts.filter((fh) => !fh.host.unavailable).map((fh) => ({ fh, occupied: fh.vms.length > 0 ? 1 : 0, k: size(fh) }))
    .sort((a, b) => b.occupied - a.occupied || b.k - a.k || (a.fh.host.id < b.fh.host.id ? -1 : 1)).map((x) => x.fh);
  const out = new Map<Unit, FarmHost>();
  let left = [...ordered];
  for (const fh of order) {
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      left.forEach((u, j) => {
        if (!farm.fitsFast(u.vms, fh)) return;
        const d = farm.unitDemand(u.vms, fh.host);
        let score = 0;
        for (const r of RESOURCES) { const l = fh.capacity.limits[r]; if (Number.isFinite(l) && l > 0) score += (w[r] || 0.01) * (d[r] / l) * ((l - fh.used[r]) / l); }
        if (score > bestScore) { bestScore = score; best = j; }
      });
      if (best < 0) break;
      farm.place(left[best]!.vms, fh);
      out.set(left[best]!, fh);
      left = left.filter((_, j) => j !== best);
    }
  }
  return out;
}

describe('fillHostByHost (random farms with platforms, clocks and groups)', () => {
  it('puts every unit where the construction\'s plain definition puts it', () => {
    fc.assert(fc.property(fc.array(hostArb, { minLength: 1, maxLength: 6 }), fc.array(vmArb, { minLength: 1, maxLength: 30 }), fc.constantFrom('consolidate' as const, 'balance' as const), (hostSpecs, vmSpecs, goal) => {
      const hosts: Host[] = hostSpecs.map((h, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, ...h }));
      const vms: Vm[] = vmSpecs.map((v, i) => ({ id: `v${String(i).padStart(2, '0')}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.anti && { antiAffinity: [v.anti] }), ...(v.affinity && { affinity: [v.affinity] }) }));
      const units = affinityUnits(vms).filter((u) => !u.conflict);
      const scoring = resolveScoring({ goal });
      const fast = new Farm(hosts, policy);
      const got = new Map<Unit, FarmHost>();
      const left = fillHostByHost(fast, units, got, scoring);
      const expected = reference(new Farm(hosts, policy), units, scoring);
      expect(units.map((u) => got.get(u)?.host.id ?? null)).toEqual(units.map((u) => expected.get(u)?.host.id ?? null));
      expect(left).toEqual(units.filter((u) => !expected.has(u)));
    }), { numRuns: 200 });
  });
});
