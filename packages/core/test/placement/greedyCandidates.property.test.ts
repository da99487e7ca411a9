import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolvePolicy, type Host, type Vm } from '@hostplan/core';
import { Farm } from '../../src/placement/farm.js';
import { GreedyCandidates } from '../../src/placement/greedyCandidates.js';
import { affinityUnits } from '../../src/placement/units.js';

const policy = resolvePolicy({});
const hostArb = fc.record({ memoryGB: fc.constantFrom(8, 16), coresPerSocket: fc.constantFrom(2, 4), clockGHz: fc.constantFrom(2, 3), unavailable: fc.boolean() });
const vmArb = fc.record({ memoryGB: fc.constantFrom(1, 2, 4, 6), vcpus: fc.constantFrom(1, 2, 4, 8), cpuUtilization: fc.constantFrom(0.2, 0.6, 1), anti: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }), affinity: fc.option(fc.constantFrom('a1'), { nil: undefined }) });

describe('GreedyCandidates (random farms with identical empty hosts, units placed one by one)', () => {
  it('fitting(u) is exactly the hosts fitsFast accepts, identical empty hosts represented by the first in id order', () => {
    fc.assert(fc.property(fc.array(hostArb, { minLength: 1, maxLength: 8 }), fc.array(vmArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 30 }), (hostSpecs, vmSpecs, picks) => {
      // hosts come in pairs of the same model, so that groups of identical empty hosts form
      const hosts: Host[] = hostSpecs.flatMap((h, i) => [0, 1].map((j) => ({ id: `h${i}${j}`, sockets: 2, threadsPerCore: 1, memoryGB: h.memoryGB, coresPerSocket: h.coresPerSocket, clockGHz: h.clockGHz, ...(h.unavailable && i % 3 === 0 && { unavailable: true }) })));
      const vms: Vm[] = vmSpecs.map((v, i) => ({ id: `v${String(i).padStart(2, '0')}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.anti && { antiAffinity: [v.anti] }), ...(v.affinity && { affinity: [v.affinity] }) }));
      const farm = new Farm(hosts, policy);
      const pools = new GreedyCandidates(farm);
      const everTaken = new Set<string>();
      affinityUnits(vms).forEach((u, i) => {
        const got = pools.fitting(u).map((fh) => fh.host.id);
        // brute force: every host fitsFast accepts, except an untouched host after an identical untouched one (id order)
        const model = (h: Host) => [h.memoryGB, h.coresPerSocket, h.clockGHz, h.unavailable === true].join();
        const firstUntouched = new Map<string, string>();
        for (const fh of farm.hosts) if (!everTaken.has(fh.host.id) && !firstUntouched.has(model(fh.host))) firstUntouched.set(model(fh.host), fh.host.id);
        const expected = farm.hosts.filter((fh) => farm.fitsFast(u.vms, fh))
          .filter((fh) => everTaken.has(fh.host.id) || firstUntouched.get(model(fh.host)) === fh.host.id).map((fh) => fh.host.id);
        expect(got).toEqual(expected);
        if (got.length) {
          const chosen = farm.byId.get(got[picks[i] !== undefined ? picks[i]! % got.length : 0]!)!;
          farm.place(u.vms, chosen);
          pools.placed(chosen);
          everTaken.add(chosen.host.id);
        }
      });
    }), { numRuns: 200 });
  });
});
