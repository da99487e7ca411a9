import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLayout, hostCapacity, layoutProblems, RESOURCES, vmDemand, type Host, type Vm } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';
import { hostArb, vmArb } from '../arbitraries/domain.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });

describe('checkLayout(hosts, vms, placed, options): worked examples', () => {
  // host2008: 32,768 - 512 = 32,256 MB. An 8 GB VM costs 8,192 + 32 + 8 x 7 = 8,280 MB:
  // four on one host use 33,120 MB, 864 MB over; three use 24,840 MB.
  const hosts = [host('a'), host('b')];
  const vms = [1, 2, 3, 4].map((i) => vm(`v${i}`, 1, 8));

  it('moves nothing and names the overloaded host and resource', () => {
    const placed = vms.map((v) => ({ vm: v, host: 'a' }));
    const r = checkLayout(hosts, vms, placed);
    expect(r.plan.placements.map((p) => p.host)).toEqual(['a', 'a', 'a', 'a']);
    expect(r.fits).toBe(false);
    expect(r.problems).toEqual([{ kind: 'overload', host: 'a', resource: 'memoryMB', used: 33120, limit: 32256, message: 'host a: memory 33,120 MB used of 32,256 MB (864 MB over)' }]);
    expect(r.placedByWhatIf).toEqual([]);
  });

  it('--remove-host places the removed host\'s VMs on the rest and moves nothing else', () => {
    const placed = [{ vm: vms[0]!, host: 'a' }, { vm: vms[1]!, host: 'b' }];
    const r = checkLayout([...hosts, host('c')], vms.slice(0, 2), placed, { removeHosts: ['a'] });
    expect(r.placedByWhatIf).toHaveLength(1);
    expect(r.placedByWhatIf[0]!.vm).toBe('v1');
    expect(r.plan.placements.find((p) => p.vm === 'v2')!.host).toBe('b');
    expect(r.plan.hosts.map((h) => h.id)).toEqual(['b', 'c']);
    expect(r.fits).toBe(true);
  });

  it('--growth adds ceil(n x (1 + g)) - n copies; --add-hosts gives them room', () => {
    // 3 VMs on a (24,840 MB); growth 0.5: ceil(4.5) = 5 VMs, 2 copies; b takes 3 more, so both fit
    const placed = vms.slice(0, 3).map((v) => ({ vm: v, host: 'a' }));
    const r = checkLayout([host('a')], vms.slice(0, 3), placed, { growth: 0.5, addHosts: [host('b')] });
    expect(r.plan.placements).toHaveLength(5);
    expect(r.placedByWhatIf.map((p) => p.host)).toEqual(['b', 'b']);
    const without = checkLayout([host('a')], vms.slice(0, 3), placed, { growth: 0.5 });
    expect(without.plan.unplaced).toHaveLength(2);
    expect(without.fits).toBe(false);
  });

  it('lists anti-affinity pairs sharing a host, VMs on unknown hosts, and refuses a bad option', () => {
    const pair = [vm('x', 1, 1, { antiAffinity: ['g'] }), vm('y', 1, 1, { antiAffinity: ['g'] })];
    expect(layoutProblems(hosts, pair.map((v) => ({ vm: v, host: 'b' }))).map((p) => p.message)).toEqual(['host b runs x, y of anti-affinity group g']);
    expect(layoutProblems(hosts, [{ vm: pair[0]!, host: 'zz' }]).map((p) => p.kind)).toEqual(['unknown-host']);
    expect(() => checkLayout(hosts, [], [], { removeHosts: ['nope'] })).toThrow(/options\.removeHosts\[0\]: expected the id of a host in hosts/);
    expect(() => checkLayout(hosts, [], [], { addHosts: [host('a')] })).toThrow(/options\.addHosts\[0\]\.id/);
  });
});

describe('checkLayout(hosts, vms, placed): properties', () => {
  const caseArb = fc.record({
    hosts: fc.array(hostArb(), { minLength: 1, maxLength: 4 }).map((hs) => hs.map((h, i) => ({ ...h, id: `h${i}` }))),
    vms: fc.array(fc.tuple(vmArb(), fc.nat()), { maxLength: 12 }),
  });

  it('nothing moves, and an overload is listed exactly where the summed demand exceeds a limit', () => {
    fc.assert(fc.property(caseArb, ({ hosts, vms }) => {
      const list: Vm[] = vms.map(([v], i) => ({ ...v, id: `v${i}` }));
      const placed = list.map((v, i) => ({ vm: v, host: hosts[vms[i]![1] % hosts.length]!.id }));
      const r = checkLayout(hosts, list, placed);
      expect(new Map(r.plan.placements.map((p) => [p.vm, p.host]))).toEqual(new Map(placed.map((p) => [p.vm.id, p.host])));
      for (const h of hosts) {
        const limits = hostCapacity(h).limits;
        for (const res of RESOURCES) {
          const used = placed.filter((p) => p.host === h.id).reduce((s, p) => s + vmDemand(p.vm, h).vector[res], 0);
          const listed = r.problems.some((p) => p.kind === 'overload' && p.host === h.id && p.resource === res);
          expect(listed).toBe(used > limits[res] + 1e-9 * Math.max(1, limits[res]));
        }
      }
      expect(r.fits).toBe(r.problems.length === 0 && r.plan.unplaced.length === 0);
    }), { numRuns: 100 });
  });
});
