import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolvePolicy, type Host, type Vm } from '@hostplan/core';
import { Farm } from '../../src/placement/farm.js';
import { hostScores, resolveScoring, scoreHosts } from '../../src/placement/scoring.js';

const policy = resolvePolicy({});
const hostArb = fc.record({ memoryGB: fc.constantFrom(8, 16, 64), coresPerSocket: fc.constantFrom(2, 4, 8), clockGHz: fc.constantFrom(2, 2.6, 3) });
const vmArb = fc.record({ memoryGB: fc.constantFrom(1, 2, 4), vcpus: fc.constantFrom(1, 2, 4), cpuUtilization: fc.double({ min: 0.05, max: 1, noNaN: true }) });
const scoringArb = fc.record({
  goal: fc.constantFrom('consolidate' as const, 'balance' as const),
  weights: fc.option(fc.record({ cpuGHz: fc.constantFrom(0, 0.5, 1, 3), memoryMB: fc.constantFrom(0, 1, 2), iops: fc.constantFrom(0, 1) }), { nil: undefined }),
  occupiedWeight: fc.option(fc.constantFrom(0, 1, 4), { nil: undefined }),
});

describe('hostScores(candidates, demands, scoring)', () => {
  it('equals scoreHosts\' scores to the last bit (random hosts, loads, VMs and weights)', () => {
    fc.assert(fc.property(fc.array(hostArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(vmArb, fc.nat()), { maxLength: 20 }), vmArb, scoringArb, (hostSpecs, loads, vmSpec, options) => {
      const hosts: Host[] = hostSpecs.map((h, i) => ({ id: `h${i}`, sockets: 2, threadsPerCore: 1, ...h }));
      const farm = new Farm(hosts, policy);
      loads.forEach(([v, at], i) => farm.place([{ id: `p${i}`, ...v } as Vm], farm.hosts[at % farm.hosts.length]!));
      const vm: Vm = { id: 'new', ...vmSpec };
      const demands = farm.hosts.map((fh) => farm.demandOn([vm], fh));
      const scoring = resolveScoring(options);
      expect(Array.from(hostScores(farm.hosts, demands, scoring))).toEqual(scoreHosts(farm.hosts, demands, scoring).map((x) => x.score));
    }), { numRuns: 300 });
  });
});
