import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESOURCES, type Reason, type Unplaced } from '@hostplan/core';
import { groupUnplaced, unplacedSummaryLines } from '../src/summaries/unplaced.js';
import { bindingHeadline, defaultsLine, edgeWarnings } from '../src/summaries/planEdges.js';

const capacity = (host: string, resource: (typeof RESOURCES)[number], requested: number, available: number): Reason => ({
  kind: 'capacity', host, message: '', shortfall: { resource, requested, available, capacity: 100, message: '' },
});

const reasonArb = (host: string) => fc.oneof(
  fc.record({ resource: fc.constantFrom('cpuGHz', 'memoryMB', 'iops'), requested: fc.integer({ min: 1, max: 50 }), available: fc.integer({ min: -5, max: 0 }) })
    .map((x) => capacity(host, x.resource as 'cpuGHz', x.requested, x.available)),
  fc.constant<Reason>({ kind: 'unavailable', host, message: '' }),
  fc.constantFrom('g1', 'g2').map((group): Reason => ({ kind: 'anti-affinity', host, group, conflictingVm: 'x', message: '' })),
);
const unplacedArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 30 }).chain((ids) =>
  fc.tuple(...ids.map((vm) => fc.tuple(...['h1', 'h2', 'h3'].map((h) => fc.array(reasonArb(h), { minLength: 1, maxLength: 2 }))).map((rs): Unplaced => ({ vm, reasons: rs.flat() })))));

describe('groupUnplaced(unplaced)', () => {
  it('puts every VM left out in exactly one group, and the group counts add up to the total', () => {
    fc.assert(fc.property(unplacedArb, (unplaced) => {
      const groups = groupUnplaced(unplaced);
      const ids = groups.flatMap((g) => g.vms);
      expect([...ids].sort()).toEqual(unplaced.map((u) => u.vm).sort());
      const lines = unplacedSummaryLines(groups, 3, 1000);
      if (unplaced.length) expect(lines[0]).toBe(`${unplaced.length} VM${unplaced.length === 1 ? '' : 's'} fit nowhere:`);
      else expect(lines).toEqual([]);
    }));
  });

  it('a group\'s shortfall range holds each member\'s least shortfall over the hosts, and its worst VM has the largest', () => {
    fc.assert(fc.property(unplacedArb, (unplaced) => {
      for (const g of groupUnplaced(unplaced)) {
        for (const kind of g.kinds.filter((k) => k.resource)) {
          const per = g.vms.map((vm) => {
            const rs = unplaced.find((u) => u.vm === vm)!.reasons.filter((r) => r.kind === 'capacity' && r.shortfall.resource === kind.resource);
            return Math.min(...rs.map((r) => (r.kind === 'capacity' ? r.shortfall.requested - Math.max(0, r.shortfall.available) : Infinity)));
          });
          expect(kind.shortBy).toEqual({ min: Math.min(...per), max: Math.max(...per) });
        }
        const lead = g.kinds.find((k) => k.shortBy);
        if (lead) {
          const worst = unplaced.find((u) => u.vm === g.worst)!.reasons.filter((r) => r.kind === 'capacity' && r.shortfall.resource === lead.resource);
          const least = Math.min(...worst.map((r) => (r.kind === 'capacity' ? r.shortfall.requested - Math.max(0, r.shortfall.available) : Infinity)));
          expect(least).toBe(lead.shortBy!.max);
        }
      }
    }));
  });

  it('gives VMs refused for the same reasons on the same number of hosts one group, whatever the amounts', () => {
    const unplaced: Unplaced[] = ['a', 'b', 'c'].map((vm, i) => ({ vm, reasons: ['h1', 'h2'].map((h) => capacity(h, 'cpuGHz', 2 + i, 0)) }));
    unplaced.push({ vm: 'd', reasons: [capacity('h1', 'memoryMB', 10, 0), { kind: 'unavailable', host: 'h2', message: '' }] });
    expect(unplacedSummaryLines(groupUnplaced(unplaced), 2)).toEqual([
      '4 VMs fit nowhere:',
      '  3 VMs: CPU short on every host (2) by 2-4 GHz; largest: c',
      '  1 VM (d): host unavailable on 1 of 2 hosts, memory short on 1 of 2 hosts by 10 MB',
    ]);
  });
});

describe('plan edges', () => {
  const host = (id: string, cpu: number, mem: number, binding: 'cpuGHz' | 'memoryMB' | 'iops') =>
    ({ id, vms: ['v'], binding, used: { cpuGHz: cpu, memoryMB: mem }, capacity: { cpuGHz: 10, memoryMB: 100 } }) as never;

  it('bindingHeadline counts the hosts each resource binds, most first', () => {
    expect(bindingHeadline([host('a', 10, 1, 'cpuGHz'), host('b', 1, 100, 'memoryMB'), host('c', 10, 1, 'cpuGHz'), host('d', 1, 1, 'iops')]))
      .toBe('CPU on 2, memory on 1, other resources on 1 of 4 used hosts');
  });

  it('edgeWarnings names the hosts at 100 % of CPU or memory, and none when the policy keeps headroom', () => {
    const hosts = [host('a', 10, 50, 'cpuGHz'), host('b', 5, 100, 'memoryMB'), host('c', 9.9, 10, 'cpuGHz')];
    const w = edgeWarnings(hosts, {}, true);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^warning: 1 of 3 used hosts at 100 % of CPU after reserves \(a\)/);
    expect(w[1]).toMatch(/^warning: 1 of 3 used hosts at 100 % of memory after reserves \(b\)/);
    expect(edgeWarnings(hosts, { targetUtilization: { cpuGHz: 0.8, memoryMB: 0.95 } }, true)).toEqual([]);
  });

  it('defaultsLine states the ceilings and the comfort factor, and where they came from', () => {
    expect(defaultsLine({ targetUtilization: { cpuGHz: 0.8 } }, 1.3, true))
      .toBe('Planned to 80 % of CPU and 100 % of memory after reserves, measured VMs at their percentile x comfort 1.3 (from the policy; change with --policy targetUtilization, --comfort).');
  });
});
