import { describe, expect, it } from 'vitest';
import { checkFailover, failoverReport } from '@hostplan/core';
import { trapFarm } from './trapFarms.js';

describe('checkFailover gives a met verdict only when proven', () => {
  it('64-node hyperv-2016 cluster, k=2: the one pair of 96 GB hosts that cannot fail together is found (all 2,016 sets checked)', () => {
    const f = trapFarm('hyperv-2016', 62, 2, 24);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 2 });
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]!.sets).toBe(2016);
    expect(r.verdict).toBe('not met');
    expect(r.tolerates).toBe(false);
    const failing = r.scenarios.filter((s) => s.unplaced.length > 0);
    expect(failing.map((s) => s.failed)).toEqual([['big1', 'big2']]);
    expect(r.coverage).toEqual({ checked: 2016, total: 2016 });
  });

  it('16-node hyperv-2008 cluster, k=4: the one set of four big hosts is found among 1,820', () => {
    const f = trapFarm('hyperv-2008', 12, 4, 16);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 4 });
    expect(r.clusters[0]!.sets).toBe(1820);
    expect(r.verdict).toBe('not met');
    expect(r.scenarios.filter((s) => s.unplaced.length > 0).map((s) => s.failed)).toEqual([['big1', 'big2', 'big3', 'big4']]);
  });

  it('with sampling (maxScenarios below the set count) no seed answers met: the verdict is not proven, with the coverage', () => {
    const f = trapFarm('hyperv-2016', 62, 2, 24);
    for (let seed = 1; seed <= 8; seed++) {
      const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 2, maxScenarios: 1000, seed });
      expect(r.tolerates).toBe(false);
      expect(r.verdict).not.toBe('met');
      if (r.verdict === 'not proven') {
        expect(r.coverage.checked).toBeLessThan(2016);
        expect(r.coverage.total).toBe(2016);
        expect(r.proof).toMatch(/^not proven: .* of 2,016 failure sets re-placed/);
      }
    }
  });

  it('the trap with a third big host (any two bigs down leave one for their VMs) is met on every set, and proven so', () => {
    const f = trapFarm('hyperv-2016', 61, 3, 24);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 2 });
    expect(r.verdict).toBe('met');
    expect(r.clusters[0]!.proof).toBe('exhaustive');
    expect(r.proof).toBe('met: 2,016 of 2,016 failure sets re-placed');
  });

  it('a sampled cluster with k empty hosts that each hold any running host whole is met by the passive-host argument', () => {
    const f = trapFarm('hyperv-2016', 60, 2, 24);
    const hosts = [...f.hosts, ...['p1', 'p2'].map((id) => ({ ...f.hosts[0]!, id }))];
    const r = checkFailover(hosts, f.plan, { vms: f.vms, k: 2, maxScenarios: 100 });
    expect(r.exhaustive).toBe(false);
    expect(r.verdict).toBe('met');
    expect(r.clusters[0]!.proof).toBe('passive-hosts');
    expect(r.clusters[0]!.passiveHosts).toEqual(['p1', 'p2']);
    expect(r.proof).toMatch(/passive-host argument/);
  });

  it('the same farm with passive hosts too small for a big host is not proven when sampled', () => {
    const f = trapFarm('hyperv-2016', 60, 2, 24);
    const hosts = [...f.hosts, ...['p1', 'p2'].map((id) => ({ ...f.hosts[2]!, id }))];
    const r = checkFailover(hosts, f.plan, { vms: f.vms, k: 2, maxScenarios: 100 });
    expect(r.verdict).toBe('not proven');
    expect(r.tolerates).toBe(false);
  });

  it('failoverReport carries the verdict, proof and coverage into its summary', () => {
    const f = trapFarm('hyperv-2016', 62, 2, 24);
    const { summary } = failoverReport(f.hosts, f.plan, { vms: f.vms, k: 2, maxScenarios: 1000, seed: 3 });
    expect(summary.met).toBe(false);
    expect(['not met', 'not proven']).toContain(summary.verdict);
    expect(summary.coverage.total).toBe(2016);
  });

  it('is deterministic: the same farm gives the same verdict, sets and restarts, with or without sampling', () => {
    const f = trapFarm('hyperv-2016', 30, 3, 24);
    for (const opts of [{ k: 2 }, { k: 2, maxScenarios: 50, seed: 4 }]) {
      const a = checkFailover(f.hosts, f.plan, { vms: f.vms, ...opts });
      const b = checkFailover(f.hosts, f.plan, { vms: f.vms, ...opts });
      expect(b.verdict).toBe(a.verdict);
      expect(b.scenarios).toEqual(a.scenarios);
    }
  });
});
