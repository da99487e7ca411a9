import { describe, expect, it } from 'vitest';
import { checkFailover } from '@hostplan/core';
import { farm, many } from './fixtures.js';

// 2 x 4 cores on hyperv-2008: 64 vCPUs per host; 4-vCPU VMs at 5 % use: 16 fill a host's vCPUs exactly
const vm4 = { vcpus: 4, cpuUtilization: 0.05 };

describe('checkFailover warns when failover is met with no headroom', () => {
  it('names the hosts left with nothing free after a failure', () => {
    const f = farm({ h1: many('a', 8, 1, vm4), h2: many('b', 8, 1, vm4), h3: many('c', 8, 1, vm4) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.verdict).toBe('met');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^failover met with no headroom: in 3 failure sets a host is left with nothing free of a resource; with h\d down: h\d \(vcpus\)/);
    expect(r.scenarios.every((s) => s.saturated?.some((x) => x.resource === 'vcpus'))).toBe(true);
  });

  it('gives no warning when every survivor keeps some of every resource free', () => {
    const f = farm({ h1: many('a', 6, 1, vm4), h2: many('b', 6, 1, vm4), h3: many('c', 6, 1, vm4) });
    const r = checkFailover(f.hosts, f.plan, { vms: f.vms, k: 1 });
    expect(r.verdict).toBe('met');
    expect(r.warnings).toEqual([]);
  });
});
