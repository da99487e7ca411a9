import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fits, rateHosts, vmDemand, RESOURCES, type Host, type HostRating, type ResourceVector, type Vm } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';
import { hostArb, vmArb } from '../arbitraries/domain.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });
const byHost = (ratings: readonly HostRating[], id: string) => ratings.find((r) => r.host === id)!;

describe('rateHosts(hosts, vm, options): worked examples', () => {
  // host2008: 8 cores x 3.0 GHz = 24 GHz less 10 % = 21.6 GHz; 32,768 - 512 = 32,256 MB; no storage
  // or NIC section, so IOPS and network are unlimited and left out of the score (weights of vCPUs,
  // storage space and VM slots are 0): the score is the mean over CPU and memory.
  // 'busy' runs a 16 GB VM: 16,384 + 152 MB overhead = 16,536 MB, 1 x 0.2 x 3.0 = 0.6 GHz.
  // The new 4 GB VM costs 4,152 MB and 0.6 GHz.
  // after placement: busy memory 20,688 / 32,256 = 0.6414, CPU 1.2 / 21.6 = 0.0556
  //                  idle memory  4,152 / 32,256 = 0.1287, CPU 0.6 / 21.6 = 0.0278
  const hosts = [host('busy'), host('idle')];
  const placed = [{ vm: vm('old', 1, 16), host: 'busy' }];
  const newVm = vm('new', 1, 4);

  it('balance rates headroom left: idle 4.5 stars, busy 3.5, best first, idle recommended', () => {
    // idle: ((1 - 0.1287) + (1 - 0.0278)) / 2 = 0.9218 -> round(9.218) / 2 = 4.5
    // busy: ((1 - 0.6414) + (1 - 0.0556)) / 2 = 0.6515 -> round(6.515) / 2 = 3.5
    const r = rateHosts(hosts, newVm, { placed, goal: 'balance' });
    expect(r.map((x) => [x.host, x.stars, x.recommended])).toEqual([['idle', 4.5, true], ['busy', 3.5, false]]);
    expect(r[0]!.score).toBeCloseTo(((1 - 4152 / 32256) + (1 - 0.6 / 21.6)) / 2, 12);
    expect(r[0]!.explanation).toBe('recommended, 4.5 stars: CPU after placement 2.8 %, memory after placement 12.9 %');
    expect(r[1]!.explanation).toBe('3.5 stars vs 4.5 on idle: memory after placement 64 % vs 13 % on idle; CPU after placement 6 % vs 3 % on idle');
    // memory loses (0.6414 - 0.1287) / 2 = 0.2563 of score, CPU (0.0556 - 0.0278) / 2 = 0.0139
    expect(r[1]!.versusBest.map((d) => d.scorer)).toEqual(['memoryMB utilisation', 'cpuGHz utilisation']);
    expect(r[1]!.versusBest[0]!.scoreGap).toBeCloseTo((20688 - 4152) / 32256 / 2, 12);
  });

  it('consolidate rates fullness and occupancy: busy 3 stars, idle 0.5, the opposite choice', () => {
    // busy: (0.6414 + 0.0556 + 1 occupied) / 3 = 0.5656 -> round(5.656) / 2 = 3
    // idle: (0.1287 + 0.0278 + 0) / 3 = 0.0522 -> round(0.522) / 2 = 0.5
    const r = rateHosts(hosts, newVm, { placed, goal: 'consolidate' });
    expect(r.map((x) => [x.host, x.stars])).toEqual([['busy', 3], ['idle', 0.5]]);
    expect(r[1]!.versusBest[0]!.message).toBe('runs no VMs yet (busy does)');
  });

  it('per-resource weights change the score: memory alone at weight 1, the rest 0', () => {
    // idle 1 - 0.1287 = 0.8713 -> 4.5; busy 1 - 0.6414 = 0.3586 -> round(3.586) / 2 = 2
    const weights = { cpuGHz: 0, iops: 0, networkMbps: 0, memoryMB: 1 };
    const r = rateHosts(hosts, newVm, { placed, goal: 'balance', weights });
    expect(r.map((x) => x.stars)).toEqual([4.5, 2]);
    expect(r[1]!.score).toBeCloseTo(1 - 20688 / 32256, 12);
  });

  it('a lone host keeps its stars: busy alone is still 3.5 under balance', () => {
    const r = rateHosts([host('busy')], newVm, { placed, goal: 'balance' });
    expect(r.map((x) => [x.host, x.stars, x.recommended])).toEqual([['busy', 3.5, true]]);
  });

  it('gives zero stars with the reasons and what would have to change, after the suitable hosts', () => {
    // a 20 GB VM costs 20,480 + 32 + 8 x 19 = 20,664 MB; busy has 32,256 - 16,536 = 15,720 MB left: 4,944 short
    const r = rateHosts([...hosts, host('down', { unavailable: true })], vm('big', 2, 20), { placed });
    expect(r.map((x) => [x.host, x.stars > 0])).toEqual([['idle', true], ['busy', false], ['down', false]]);
    const busy = byHost(r, 'busy');
    expect(busy.margins.memoryMB).toBe(15720 - 20664);
    expect(busy.reasons[0]).toMatchObject({ kind: 'capacity', host: 'busy', shortfall: { resource: 'memoryMB', requested: 20664, available: 15720 } });
    expect(busy.changes[0]).toContain('needs 4,944 MB more memory');
    expect(busy.explanation).toMatch(/^cannot take big: needs 4,944 MB more memory/);
    expect(byHost(r, 'down')).toMatchObject({ stars: 0, recommended: false, reasons: [{ kind: 'unavailable', host: 'down' }], changes: ['bring host down back into service'] });
  });

  it('gives zero stars for an anti-affinity conflict with a placed VM', () => {
    const r = rateHosts(hosts, vm('b', 1, 1, { antiAffinity: ['g'] }), { placed: [{ vm: vm('a', 1, 1, { antiAffinity: ['g'] }), host: 'busy' }] });
    expect(byHost(r, 'busy')).toMatchObject({ stars: 0, reasons: [{ kind: 'anti-affinity', group: 'g', conflictingVm: 'a' }] });
    expect(byHost(r, 'idle').recommended).toBe(true);
  });

  it('takes placed VMs as placements by id (placeVms output) and as VMs with a host field', () => {
    const asVm = rateHosts(hosts, newVm, { placed, goal: 'balance' });
    const byId = rateHosts(hosts, newVm, { placed: [{ vm: 'old', host: 'busy' }], vms: [vm('old', 1, 16)], goal: 'balance' });
    const withHost = rateHosts(hosts, newVm, { placed: [{ ...vm('old', 1, 16), host: 'busy' }], goal: 'balance' });
    expect(byId).toEqual(asVm);
    expect(withHost).toEqual(asVm);
    expect(() => rateHosts(hosts, newVm, { placed: [{ vm: 'nope', host: 'busy' }] })).toThrow(/options\.placed\[0\]\.vm: expected the id of a VM in vms/);
  });
});

describe('rateHosts(hosts, vm, options): properties', () => {
  const caseArb = fc.record({
    hosts: fc.array(hostArb(), { minLength: 1, maxLength: 6 }).map((hs) => hs.map((h, i) => ({ ...h, id: `h${i}`, ...(i % 4 === 3 && { unavailable: true }) }))),
    placed: fc.array(fc.tuple(vmArb(), fc.nat()), { maxLength: 8 }),
    vm: vmArb('new'),
    goal: fc.constantFrom('consolidate' as const, 'balance' as const),
  });
  const onHosts = (hosts: readonly Host[], placed: readonly [Vm, number][]) =>
    placed.map(([p, k], i) => ({ vm: { ...p, id: `p${i}` } as Vm, host: hosts[k % hosts.length]!.id }));

  it('zero stars exactly where fits fails; stars in half steps; margins are limit - used - demand', () => {
    fc.assert(fc.property(caseArb, ({ hosts, placed, vm: v, goal }) => {
      const onHost = onHosts(hosts, placed);
      const ratings = rateHosts(hosts, v, { placed: onHost, goal });
      expect(ratings.map((r) => r.host).sort()).toEqual(hosts.map((h) => h.id).sort());
      for (const h of hosts) {
        const used = {} as ResourceVector;
        for (const r of RESOURCES) used[r] = onHost.filter((p) => p.host === h.id).reduce((s, p) => s + vmDemand(p.vm, h).vector[r], 0);
        const ok = fits(v, h, used).ok;
        const rating = byHost(ratings, h.id);
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

  it('a host rated alone gets the same stars, score and contributions as among all the hosts', () => {
    fc.assert(fc.property(caseArb, ({ hosts, placed, vm: v, goal }) => {
      const onHost = onHosts(hosts, placed);
      const all = rateHosts(hosts, v, { placed: onHost, goal });
      for (const h of hosts) {
        const [alone] = rateHosts([h], v, { placed: onHost.filter((p) => p.host === h.id), goal });
        const among = byHost(all, h.id);
        expect([alone!.stars, alone!.score, alone!.contributions]).toEqual([among.stars, among.score, among.contributions]);
      }
    }), { numRuns: 100 });
  });

  it('best first: stars and score never rise down the list; the first is recommended when it has stars; every host explained; a score 0.01 below the best names a figure', () => {
    fc.assert(fc.property(caseArb, ({ hosts, placed, vm: v, goal }) => {
      const ratings = rateHosts(hosts, v, { placed: onHosts(hosts, placed), goal });
      for (let i = 1; i < ratings.length; i++) {
        expect(ratings[i]!.stars).toBeLessThanOrEqual(ratings[i - 1]!.stars);
        if (ratings[i]!.stars === ratings[i - 1]!.stars) expect(ratings[i]!.score).toBeLessThanOrEqual(ratings[i - 1]!.score);
      }
      expect(ratings.map((r) => r.recommended)).toEqual(ratings.map((r, i) => i === 0 && r.stars > 0));
      for (const r of ratings) {
        expect(r.explanation.length).toBeGreaterThan(0);
        // each unnamed figure differs by under 0.0005 of goodness, so a gap of 0.01 in score always names one
        if (r.stars > 0 && !r.recommended && r.score < ratings[0]!.score - 0.01) expect(r.versusBest.length).toBeGreaterThan(0);
      }
    }), { numRuns: 100 });
  });

  it('balance: one more running VM on a host never raises its score', () => {
    fc.assert(fc.property(caseArb, vmArb('extra'), ({ hosts, placed, vm: v }, extra) => {
      const h = hosts[0]!;
      const before = onHosts([h], placed);
      const [a] = rateHosts([h], v, { placed: before, goal: 'balance' });
      const [b] = rateHosts([h], v, { placed: [...before, { vm: extra, host: h.id }], goal: 'balance' });
      expect(b!.score).toBeLessThanOrEqual(a!.score + 1e-12);
    }), { numRuns: 100 });
  });
});
