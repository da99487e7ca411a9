import { describe, expect, it } from 'vitest';
import { failoverReport } from '@hostplan/core';
import { farm, many } from './fixtures.js';

describe('failoverReport(hosts, plan, { vms, k })', () => {
  it('summarises: k met, or the largest number of failures that holds', () => {
    // 4 hosts x 10 VMs of 2 GB (5 free slots each): 1 failure -> 10 onto 15 free: ok; 2 failures -> 20 onto 10 free: no
    const f = farm({ h1: many('a', 10, 2), h2: many('b', 10, 2), h3: many('c', 10, 2), h4: many('d', 10, 2) });
    const two = failoverReport(f.hosts, f.plan, { vms: f.vms, k: 2 });
    expect(two.summary).toMatchObject({ toleratedFailures: 1, requiredFailures: 2, met: false, exhaustive: true });
    expect(two.summary.worstScenario!.failedHosts).toHaveLength(2);
    expect(two.summary.notRestarted).toHaveLength(10); // 20 displaced, 10 restart
    expect(two.summary.worstScenario!.description).toMatch(/10 VMs cannot restart \(memoryMB binds\)/);
    const one = failoverReport(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(one.summary).toMatchObject({ toleratedFailures: 1, met: true, notRestarted: [] });
  });
});
