import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fits, rateHosts, vmDemand, RESOURCES, type Host, type ResourceVector, type Vm } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';
import { hostArb, vmArb } from '../arbitraries/domain.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });

describe('rateHosts(hosts, vm, options): worked examples', () => {
  // host2008: 8 cores x 3.0 GHz = 24 GHz less 10 % = 21.6 GHz; 32,768 - 512 = 32,256 MB; no storage
  // or NIC section, so IOPS and network are unlimited and their scorers see 0 everywhere (all equal: 1).
  // 'busy' runs a 16 GB VM: 16,384 + 152 MB overhead = 16,536 MB, 1 x 0.2 x 3.0 = 0.6 GHz.
  // The new 4 GB VM costs 4,152 MB and 0.6 GHz.
  const hosts = [host('busy'), host('idle')];
  const placed = [{ vm: vm('old', 1, 16), host: 'busy' }];
  const newVm = vm('new', 1, 4);

  it('pack (consolidate) prefers the busy host', () => {
    // memory after: busy (16,536 + 4,152) / 32,256 = 0.641, idle 4,152 / 32,256 = 0.129 -> normalised 1 and 0
    // CPU after: busy 1.2 / 21.6 = 0.056, idle 0.6 / 21.6 = 0.028 -> 1 and 0
    // IOPS, network: equal -> 1 and 1; occupied: busy 1, idle 0 -> 1 and 0
    // busy: (1 + 1 + 1 + 1 + 1) / 5 = 1.0 -> 5 stars; idle: (0 + 0 + 1 + 1 + 0) / 5 = 0.4 -> 2 stars
    const r = rateHosts(hosts, newVm, { placed, goal: 'consolidate' });
    expect(r.map((x) => x.stars)).toEqual([5, 2]);
    expect(r[1]!.score).toBeCloseTo(0.4, 12);
    expect(r[0]!.contributions.find((c) => c.scorer === 'memoryMB utilisation')!.raw).toBeCloseTo(20688 / 32256, 12);
  });

  it('spread (balance) prefers the idle host: the opposite choice', () => {
    // the same utilisations reversed; no occupied scorer: busy (0 + 0 + 1 + 1) / 4 = 0.5 -> 2.5 stars;
    // idle (1 + 1 + 1 + 1) / 4 = 1 -> 5 stars
    const r = rateHosts(hosts, newVm, { placed, goal: 'balance' });
    expect(r.map((x) => x.stars)).toEqual([2.5, 5]);
  });

  it('per-resource weights change the score: memory alone at weight 1, the rest 0', () => {
    const weights = { cpuGHz: 0, iops: 0, networkMbps: 0, memoryMB: 1 };
    const r = rateHosts(hosts, newVm, { placed, goal: 'balance', weights });
    expect(r.map((x) => x.score)).toEqual([0, 1]);
    expect(r[0]!.stars).toBe(0.5); // a suitable host never gets 0 stars
  });

  it('gives zero stars with the reasons and what would have to change', () => {
    // a 20 GB VM costs 20,480 + 32 + 8 x 19 = 20,664 MB; busy has 32,256 - 16,536 = 15,720 MB left: 4,944 short
    const r = rateHosts([...hosts, host('down', { unavailable: true })], vm('big', 2, 20), { placed });
    expect(r[0]!.stars).toBe(0);
    expect(r[0]!.margins.memoryMB).toBe(15720 - 20664);
    expect(r[0]!.reasons[0]).toMatchObject({ kind: 'capacity', host: 'busy', shortfall: { resource: 'memoryMB', requested: 20664, available: 15720 } });
    expect(r[0]!.changes[0]).toContain('needs 4,944 MB more memory');
    expect(r[1]!.stars).toBe(5); // the only suitable host
    expect(r[2]).toMatchObject({ stars: 0, reasons: [{ kind: 'unavailable', host: 'down' }], changes: ['bring host down back into service'] });
  });

  it('gives zero stars for an anti-affinity conflict with a placed VM', () => {
    const r = rateHosts(hosts, vm('b', 1, 1, { antiAffinity: ['g'] }), { placed: [{ vm: vm('a', 1, 1, { antiAffinity: ['g'] }), host: 'busy' }] });
    expect(r[0]).toMatchObject({ stars: 0, reasons: [{ kind: 'anti-affinity', group: 'g', conflictingVm: 'a' }] });
    expect(r[1]!.stars).toBe(5);
  });
});

describe('rateHosts(hosts, vm, options): properties', () => {
  const caseArb = fc.record({
    hosts: fc.array(hostArb(), { minLength: 1, maxLength: 6 }).map((hs) => hs.map((h, i) => ({ ...h, id: `h${i}`, ...(i % 4 === 3 && { unavailable: true }) }))),
    placed: fc.array(fc.tuple(vmArb(), fc.nat()), { maxLength: 8 }),
    vm: vmArb('new'),
    goal: fc.constantFrom('consolidate' as const, 'balance' as const),
  });

  it('zero stars exactly where fits fails; stars in half steps; margins are limit - used - demand', () => {
    fc.assert(fc.property(caseArb, ({ hosts, placed, vm: v, goal }) => {
      const onHost = placed.map(([p, k], i) => ({ vm: { ...p, id: `p${i}` } as Vm, host: hosts[k % hosts.length]!.id }));
      const ratings = rateHosts(hosts, v, { placed: onHost, goal });
      expect(ratings.map((r) => r.host)).toEqual(hosts.map((h) => h.id));
      for (const [i, h] of hosts.entries()) {
        const used = {} as ResourceVector;
        for (const r of RESOURCES) used[r] = onHost.filter((p) => p.host === h.id).reduce((s, p) => s + vmDemand(p.vm, h).vector[r], 0);
        const ok = fits(v, h, used).ok;
        const rating = ratings[i]!;
        expect(rating.stars === 0).toBe(!ok);
        expect(rating.reasons.length === 0).toBe(ok);
        expect(rating.changes).toHaveLength(rating.reasons.length);
        expect(rating.stars * 2).toBe(Math.round(rating.stars * 2));
        expect(rating.stars).toBeLessThanOrEqual(5);
        expect(rating.score).toBeGreaterThanOrEqual(0);
        expect(rating.score).toBeLessThanOrEqual(1 + 1e-9);
      }
    }), { numRuns: 150 });
  });
});
