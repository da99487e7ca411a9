import { describe, expect, it } from 'vitest';
import { checkFailover, failoverRunbook } from '@hostplan/core';
import { trapFarm } from './trapFarms.js';

describe('failoverRunbook(result, plan, { maxScenarios })', () => {
  it('lists the worst sets first, at most maxScenarios, and says how many of how many', () => {
    const f = trapFarm('hyperv-2008', 12, 4, 16);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 4 });
    const rb = failoverRunbook(r, f.plan, { maxScenarios: 3 });
    expect(rb.total).toBe(1820);
    expect(rb.shown).toBe(3);
    expect(rb.note).toBe('the 3 worst of 1,820 failure sets checked (most VMs not restarted, then highest use after the restart); the verdict covers all of them');
    expect(rb.scenarios[0]!.failed).toEqual(['big1', 'big2', 'big3', 'big4']);
    expect(rb.scenarios[0]!.unplaced.map((u) => u.from).sort()).toEqual(['big1', 'big2', 'big3', 'big4']);
    expect(rb.scenarios[1]!.unplaced).toEqual([]);
  });

  it('lists every set with no note when they fit under the cap', () => {
    const f = trapFarm('hyperv-2016', 5, 2, 24);
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    const rb = failoverRunbook(r, f.plan);
    expect(rb).toMatchObject({ total: 7, shown: 7, note: null });
  });
});
