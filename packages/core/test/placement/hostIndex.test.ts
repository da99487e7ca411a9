import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexHosts, rateHosts, type Vm } from '@hostplan/core';
import { hostArb, vmArb } from '../arbitraries/domain.js';

describe('indexHosts(hosts, options): properties', () => {
  const caseArb = fc.record({
    hosts: fc.array(hostArb(), { minLength: 1, maxLength: 8 }).map((hs) => hs.map((h, i) => ({ ...h, id: `h${i}`, ...(i % 5 === 4 && { unavailable: true }) }))),
    placed: fc.array(fc.tuple(vmArb(), fc.nat(), fc.option(fc.constantFrom('g', 'k'), { nil: undefined })), { maxLength: 10 }),
    vm: vmArb('new'),
    group: fc.option(fc.constantFrom('g', 'k'), { nil: undefined }),
    goal: fc.constantFrom('consolidate' as const, 'balance' as const),
    top: fc.integer({ min: 1, max: 10 }),
  });

  it('rate(vm, { top }) gives the first `top` suitable ratings of rateHosts, and how many are suitable', () => {
    fc.assert(fc.property(caseArb, ({ hosts, placed, vm, group, goal, top }) => {
      const onHost = placed.map(([p, k, g], i) => ({ vm: { ...p, id: `p${i}`, ...(g && { antiAffinity: [g] }) } as Vm, host: hosts[k % hosts.length]!.id }));
      const v: Vm = { ...vm, ...(group && { antiAffinity: [group] }) };
      const all = rateHosts(hosts, v, { placed: onHost, goal });
      const r = indexHosts(hosts, { placed: onHost, goal }).rate(v, { top });
      const suitable = all.filter((x) => x.stars > 0);
      expect(r.suitable).toBe(suitable.length);
      expect(r.ratings).toEqual(suitable.slice(0, top));
    }), { numRuns: 200 });
  });

  it('explain(vm, host) is the host\'s rating from rateHosts; place(vm, host) is what rating with it placed gives', () => {
    fc.assert(fc.property(caseArb, ({ hosts, placed, vm, goal }) => {
      const onHost = placed.map(([p, k], i) => ({ vm: { ...p, id: `p${i}` } as Vm, host: hosts[k % hosts.length]!.id }));
      const index = indexHosts(hosts, { placed: onHost, goal });
      const all = rateHosts(hosts, vm, { placed: onHost, goal });
      for (const h of hosts) {
        const mine = index.explain(vm, h.id);
        const theirs = all.find((x) => x.host === h.id)!;
        expect({ ...mine, recommended: undefined, explanation: undefined }).toEqual({ ...theirs, recommended: undefined, explanation: undefined });
        if (theirs.stars > 0) expect(mine.explanation).toBe(theirs.explanation);
      }
      const extra: Vm = { id: 'extra', vcpus: 1, memoryGB: 1 };
      index.place(extra, hosts[0]!.id);
      const after = rateHosts(hosts, vm, { placed: [...onHost, { vm: extra, host: hosts[0]!.id }], goal });
      expect(index.rate(vm, { top: hosts.length }).ratings).toEqual(after.filter((x) => x.stars > 0));
    }), { numRuns: 100 });
  });
});
