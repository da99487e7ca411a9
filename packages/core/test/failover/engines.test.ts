import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestFitReplace, checkFailover, placementReplace, portfolio, resolvePolicy, type Replacer } from '@hostplan/core';
import { farm, host, many, vm } from './fixtures.js';

const policy = resolvePolicy({});
const stranding: Replacer = (req) => ({ placements: [], unplaced: req.displaced.map((v) => ({ vm: v, reasons: [] })) });

describe('placementReplace(options)', () => {
  it('re-places the displaced VMs with placeVms, the survivors pinned', () => {
    // h1 fails: its 10 VMs of 2 GB restart 5 + 5 on h2 and h3 (5 free slots each)
    const f = farm({ h1: many('a', 10, 2), h2: many('b', 10, 2), h3: many('c', 10, 2) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1, replace: placementReplace() });
    expect(r.tolerates).toBe(true);
    const s = r.scenarios[0]!;
    expect(s.placements.map((p) => p.vm).sort()).toEqual(f.vms.filter((v) => v.id.startsWith('a')).map((v) => v.id).sort());
    expect(s.placements.every((p) => p.host !== 'h1')).toBe(true);
    // 11 VMs each: 3 cannot restart, with reasons per host
    const g = farm({ h1: many('a', 11, 2), h2: many('b', 11, 2), h3: many('c', 11, 2) });
    const worst = checkFailover(g.hosts, g.plan, { vms: g.vms, k: 1, replace: placementReplace() }).worst!;
    expect(worst.unplaced).toHaveLength(3);
    expect(worst.unplaced[0]!.reasons.length).toBeGreaterThan(0);
  });

  it('respects anti-affinity', () => {
    const a = { antiAffinity: ['g'] };
    const f = farm({ h1: [vm('a1', 2, a)], h2: [vm('a2', 2, a)], h3: [vm('a3', 2, a)] }, [host('h4')]);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1, replace: placementReplace() });
    expect(r.tolerates).toBe(true);
    expect(r.scenarios.every((s) => s.placements.every((p) => p.host === 'h4'))).toBe(true);
  });
});

describe('portfolio(...engines)', () => {
  it('returns the first answer that places every VM, else the one with the fewest unplaced', () => {
    const f = farm({ h1: many('a', 3, 2), h2: [] });
    const req = { hosts: f.hosts.map((h) => (h.id === 'h1' ? { ...h, unavailable: true } : h)), vms: f.vms, pinned: [], displaced: ['a1', 'a2', 'a3'], policy };
    expect(portfolio(stranding, bestFitReplace)(req).unplaced).toEqual([]);
    const twoLeft: Replacer = (r) => ({ placements: [{ vm: r.displaced[0]!, host: 'h2' }], unplaced: r.displaced.slice(1).map((v) => ({ vm: v, reasons: [] })) });
    expect(portfolio(stranding, twoLeft)(req).unplaced).toHaveLength(2);
    expect(() => portfolio()).toThrow(TypeError);
  });

  it('never tolerates less than any one of its engines (random farms)', () => {
    const arb = fc.array(fc.record({ memoryGB: fc.constantFrom(2, 4, 6, 8), host: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 16 });
    fc.assert(fc.property(arb, (items) => {
      const layout: Record<string, ReturnType<typeof vm>[]> = { h0: [], h1: [], h2: [], h3: [] };
      items.forEach((x, i) => layout[`h${x.host}`]!.push(vm(`v${i}`, x.memoryGB)));
      const f = farm(layout);
      const best = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1, replace: bestFitReplace });
      const engine = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1, replace: placementReplace({ effort: 0 }) });
      const both = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1, replace: portfolio(bestFitReplace, placementReplace({ effort: 0 })) });
      expect(both.tolerates).toBe(best.tolerates || engine.tolerates);
      both.scenarios.forEach((s, i) => expect(s.unplaced.length).toBeLessThanOrEqual(Math.min(best.scenarios[i]!.unplaced.length, engine.scenarios[i]!.unplaced.length)));
    }), { numRuns: 40 });
  });
});
