import { describe, expect, it } from 'vitest';
import { checkFailover, combinations, sampleCombinations, seededRandom, splitClusters } from '@hostplan/core';
import { choose } from '../../src/failover/combinations.js';
import { farm, host, many, vm } from './fixtures.js';

describe('checkFailover(hosts, plan, { vms, k }) by re-placement', () => {
  it('tolerates one failure when the survivors have room', () => {
    // 3 hosts x 10 VMs of 2 GB: 10 x 2,088 = 20,880 MB used, 32,256 - 20,880 = 11,376 MB free = 5 VMs each.
    // Any host fails: its 10 VMs restart 5 + 5 on the two survivors.
    const f = farm({ h1: many('a', 10, 2), h2: many('b', 10, 2), h3: many('c', 10, 2) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.tolerates).toBe(true);
    expect(r.exhaustive).toBe(true);
    expect(r.scenarios.map((s) => s.failed)).toEqual([['h1'], ['h2'], ['h3']]);
    expect(r.scenarios[0]!.placements).toHaveLength(10);
    // after the restart a survivor holds 15 VMs: 15 x 2,088 = 31,320 of 32,256 MB = 0.971
    expect(r.worst!.peakUtilization.memoryMB).toBeCloseTo(31320 / 32256, 6);
    expect(r.binding).toBe('memoryMB');
  });

  it('reports the unplaced VMs, with reasons per host, when it does not', () => {
    // 3 hosts x 11 VMs: 11 x 2,088 = 22,968 MB, 9,288 free = 4 VMs each; 11 displaced, 8 restart, 3 unplaced
    const f = farm({ h1: many('a', 11, 2), h2: many('b', 11, 2), h3: many('c', 11, 2) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.tolerates).toBe(false);
    expect(r.worst!.unplaced).toHaveLength(3);
    expect(r.worst!.placements).toHaveLength(8);
    expect(r.binding).toBe('memoryMB');
    const reasons = r.worst!.unplaced[0]!.reasons;
    expect(reasons.map((x) => x.host).sort()).toEqual(['h1', 'h2', 'h3']);
    expect(reasons.find((x) => x.host === r.worst!.failed[0])!.kind).toBe('unavailable');
    // the seed's rule agrees: load 22,968 MB > spare 2 x 9,288 = 18,576 MB
    expect(r.comparisons.seedRule.clusters[0]).toMatchObject({ basis: 'spare-capacity', tolerates: false, binding: 'memoryMB' });
    expect(r.comparisons.seedRule.verdict).toBe('agrees');
  });

  it('shows where the seed rule is too optimistic (fragmentation)', () => {
    // h1: one 12 GB VM (12,408 MB). h2, h3: one 12 GB + three 4 GB = 12,408 + 3 x 4,152 = 24,864 MB, 7,392 free.
    // h1 fails: 12,408 > 7,392 on either survivor -> unplaced.
    // Seed rule: heaviest host h2 (24,864 MB) vs spare of h1 19,848 + h3 7,392 = 27,240 -> "tolerates".
    const f = farm({ h1: [vm('big1', 12)], h2: [vm('big2', 12), ...many('s', 3, 4)], h3: [vm('big3', 12), ...many('t', 3, 4)] });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    // (h2 or h3 failing also strands one 4 GB VM: big onto h1, 7,440 + 7,392 MB left hold only 1 + 1 of the 3 small ones)
    expect(r.tolerates).toBe(false);
    const h1 = r.scenarios.find((s) => s.failed[0] === 'h1')!;
    expect(h1.unplaced.map((u) => u.vm)).toEqual(['big1']);
    expect(h1.unplaced[0]!.reasons.filter((x) => x.kind === 'capacity').map((x) => x.host)).toEqual(['h2', 'h3']);
    expect(r.comparisons.seedRule.tolerates).toBe(true);
    expect(r.comparisons.seedRule.verdict).toBe('too optimistic');
    expect(r.comparisons.seedRule.clusters[0]!.heaviest).toEqual(['h2']);
  });

  it('shows where the slot policy is too conservative (one large VM inflates the slot)', () => {
    // slot = 12,408 MB (the one 12 GB VM): floor(32,256 / 12,408) = 2 slots per host; 4 left after a failure < 9 VMs.
    // Re-placement: h1 fails -> big onto h2 (32,256 - 4 x 4,152 = 15,648 free); h2 fails -> 4 x 4,152 = 16,608 onto h1 (19,848 free)
    const f = farm({ h1: [vm('big', 12)], h2: many('s', 4, 4), h3: many('t', 4, 4) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.tolerates).toBe(true);
    expect(r.comparisons.slotPolicy.clusters[0]).toMatchObject({ slotMemoryMB: 12408, slotsAfterFailure: 4, vms: 9, tolerates: false });
    expect(r.comparisons.slotPolicy.verdict).toBe('too conservative');
  });

  it('uses passive nodes for the seed rule when the cluster has them', () => {
    // h3 is passive: 32,256 MB holds the heaviest host's 10 x 2,088 = 20,880 MB
    const f = farm({ h1: many('a', 10, 2), h2: many('b', 5, 2) }, [host('h3')]);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.comparisons.seedRule.clusters[0]).toMatchObject({ basis: 'passive-nodes', passive: ['h3'], heaviest: ['h1'], tolerates: true });
    expect(r.tolerates).toBe(true);
  });

  it('respects anti-affinity when re-placing', () => {
    // guest cluster g on all three hosts: when h1 fails, a1 may go to neither h2 (a2) nor h3 (a3)
    const g = { antiAffinity: ['g'] };
    const f = farm({ h1: [vm('a1', 2, g)], h2: [vm('a2', 2, g)], h3: [vm('a3', 2, g)] });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.tolerates).toBe(false);
    expect(r.scenarios[0]!.unplaced[0]!.reasons.filter((x) => x.kind === 'anti-affinity').map((x) => x.host)).toEqual(['h2', 'h3']);
    // with a fourth, empty host the group survives any one failure
    const f4 = farm({ h1: [vm('a1', 2, g)], h2: [vm('a2', 2, g)], h3: [vm('a3', 2, g)] }, [host('h4')]);
    expect(checkFailover(f4.hosts, f4.plan, { vms: f4.vms, k: 1 }).tolerates).toBe(true);
  });

  it('checks k = 2 over every pair', () => {
    // 4 hosts x 6 VMs (12,528 MB, 19,728 free = 9 VMs each); two fail: 12 displaced onto 2 x 9 free
    const f = farm({ h1: many('a', 6, 2), h2: many('b', 6, 2), h3: many('c', 6, 2), h4: many('d', 6, 2) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 2 });
    expect(r.scenarios).toHaveLength(6); // C(4, 2)
    expect(r.tolerates).toBe(true);
    // 3 failures: 18 displaced, 9 free on the one survivor
    expect(checkFailover(f.hosts, f.plan, { vms: f.vms, k: 3 }).tolerates).toBe(false);
  });

  it('samples the most loaded sets plus a seeded sample above maxScenarios, reproducibly', () => {
    const layout = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`h${String(i + 1).padStart(2, '0')}`, many(`v${i}-`, i % 5 + 1, 2)]));
    const f = farm(layout);
    const opts = { vms: f.vms, k: 2, maxScenarios: 20, seed: 7 };
    const r = checkFailover(f.hosts, f.plan, opts);
    // C(15, 2) = 105 > 20: the 10 pairs of the 5 most loaded hosts (C(5, 2) = 10 <= 20 / 2) plus 10 sampled
    expect(r.exhaustive).toBe(false);
    expect(r.clusters[0]).toMatchObject({ sets: 105, checked: 20, mostLoaded: 10, sampled: 10, exhaustive: false });
    const loaded = new Set(r.scenarios.filter((s) => s.chosenAs === 'most-loaded').flatMap((s) => s.failed));
    expect([...loaded].sort()).toEqual(['h05', 'h10', 'h15', 'h04', 'h09'].sort()); // 5 VMs on h05, h10, h15; 4 on h04, h09
    expect(new Set(r.scenarios.map((s) => s.failed.join())).size).toBe(20);
    expect(checkFailover(f.hosts, f.plan, opts).scenarios.map((s) => s.failed)).toEqual(r.scenarios.map((s) => s.failed));
    expect(checkFailover(f.hosts, f.plan, { ...opts, seed: 8 }).scenarios.map((s) => s.failed)).not.toEqual(r.scenarios.map((s) => s.failed));
    expect(r.assumptions.find((a) => a.name === 'failover.seed')).toMatchObject({ value: 7, isDefault: false });
  });

  it('holds failover per cluster: VMs restart only inside their cluster', () => {
    // 20 hosts on hyperv-2008 (16 nodes per cluster) -> 2 clusters of 10
    const layout = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`h${String(i + 1).padStart(2, '0')}`, many(`v${i}-`, 10, 2)]));
    const f = farm(layout);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.clusters.map((c) => c.hosts.length)).toEqual([10, 10]);
    expect(r.scenarios).toHaveLength(20);
    for (const s of r.scenarios) {
      const members = new Set(r.clusters.find((c) => c.cluster === s.cluster)!.hosts);
      expect(s.placements.every((p) => members.has(p.host))).toBe(true);
    }
  });

  it('rejects misuse naming the field', () => {
    const f = farm({ h1: many('a', 1, 2) });
    expect(() => checkFailover(f.hosts, f.plan, { vms: f.vms, k: -1 })).toThrow(/failover.k/);
    expect(() => checkFailover(f.hosts, { placements: [{ vm: 'zz', host: 'h1' }] }, { vms: f.vms })).toThrow(/plan.placements\[0\].vm: unknown VM "zz"/);
    expect(() => checkFailover(f.hosts, { placements: [{ vm: 'a1', host: 'hx' }] }, { vms: f.vms })).toThrow(/plan.placements\[0\].host/);
  });
});

describe('splitClusters(hosts)', () => {
  it.each([
    // 20 on 2008 (limit 16): ceil(20 / 16) = 2 clusters of ceil(20 / 2) = 10
    [20, 'hyperv-2008', [10, 10]],
    [16, 'hyperv-2008', [16]],
    // 33 on 2008: 3 clusters of 11
    [33, 'hyperv-2008', [11, 11, 11]],
    // 70 on 2016 (limit 64): 2 clusters of 35
    [70, 'hyperv-2016', [35, 35]],
  ])('%i hosts on %s -> %j', (n, platform, sizes) => {
    const hosts = Array.from({ length: n }, (_, i) => host(`h${i}`, { platform }));
    expect(splitClusters(hosts).map((c) => c.hosts.length)).toEqual(sizes);
  });

  it('keeps named clusters, splitting those over the limit', () => {
    const hosts = [...Array.from({ length: 17 }, (_, i) => host(`a${i}`, { cluster: 'A' })), host('b0', { cluster: 'B' }), host('x')];
    expect(splitClusters(hosts).map((c) => [c.id, c.hosts.length])).toEqual([['A/1', 9], ['A/2', 8], ['B', 1], ['cluster-1', 1]]);
  });
});

describe('combinations and sampling', () => {
  it('enumerates C(n, k) distinct sets', () => {
    for (const [n, k] of [[6, 2], [6, 3], [5, 0], [4, 4]] as const) {
      const items = Array.from({ length: n }, (_, i) => i);
      const all = [...combinations(items, k)];
      expect(all).toHaveLength(choose(n, k));
      expect(new Set(all.map((s) => s.join())).size).toBe(all.length);
    }
    expect(choose(64, 3)).toBe(41664);
  });

  it('samples distinct sets, none excluded, the same for the same seed', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const a = sampleCombinations(items, 3, 30, seededRandom(3), new Set(['0,1,2']));
    expect(new Set(a.map((s) => s.join())).size).toBe(30);
    expect(a.some((s) => s.join() === '0,1,2')).toBe(false);
    expect(sampleCombinations(items, 3, 30, seededRandom(3), new Set(['0,1,2']))).toEqual(a);
  });
});
