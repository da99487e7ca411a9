import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RESOURCES, resolvePolicy, type Host, type ResourceVector, type Vm } from '@hostplan/core';
import { Farm, type FarmHost } from '../../src/placement/farm.js';
import { hostScores, resolveScoring, utilisationAfter, type ResolvedScoring } from '../../src/placement/scoring.js';

/** The reference: the scorer placement used before hostScores, one scorer object at a time (min-max normalised, weighted, summed). */
function scoreHosts(candidates: readonly FarmHost[], demands: readonly Readonly<ResourceVector>[], s: ResolvedScoring): { score: number }[] {
  const scorers: { name: string; weight: number; raw: (fh: FarmHost, i: number) => number }[] = [];
  for (const r of RESOURCES) if (s.weights[r] > 0) scorers.push({ name: `${r} utilisation`, weight: s.weights[r], raw: (fh, i) => utilisationAfter(fh, demands[i]!, r) });
  if (s.goal === 'consolidate' && s.occupiedWeight > 0) scorers.push({ name: 'occupied', weight: s.occupiedWeight, raw: (fh) => (fh.vms.length > 0 ? 1 : 0) });
  const total = scorers.reduce((a, x) => a + x.weight, 0);
  const out = candidates.map(() => ({ score: total > 0 ? 0 : 1 }));
  const raws = new Float64Array(candidates.length);
  for (const sc of scorers) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const v = sc.raw(candidates[i]!, i);
      raws[i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const spread = s.goal === 'balance' && sc.name !== 'occupied';
    for (let i = 0; i < candidates.length; i++) {
      const v = raws[i]!;
      const norm = max - min <= 1e-12 ? 1 : spread ? (max - v) / (max - min) : (v - min) / (max - min);
      out[i]!.score += (sc.weight * norm) / total;
    }
  }
  return out;
}

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
