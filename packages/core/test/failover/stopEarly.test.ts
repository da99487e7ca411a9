import { describe, expect, it } from 'vitest';
import { checkFailover, placeVms, type Host, type Vm } from '@hostplan/core';

// 8 hosts of 32 GB (32,256 MB usable each), each filled with 7 VMs of 4 GB (7 x 4,152 = 29,064 MB):
// any failed host's 7 VMs need 29,064 MB, and the 7 survivors have only 7 x 3,192 = 22,344 MB
// free, so every one of the C(8, 1) = 8 sets fails, and certainly (the capacity precheck).
const hosts: Host[] = Array.from({ length: 8 }, (_, i) => ({ id: `h${i}`, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 }));
const vms: Vm[] = Array.from({ length: 56 }, (_, i) => ({ id: `v${String(i).padStart(2, '0')}`, vcpus: 1, memoryGB: 4, cpuUtilization: 0.05 }));

describe('checkFailover(..., { maxFailingScenarios })', () => {
  const plan = placeVms(hosts, vms);

  it('checks every set while fewer than the limit fail', () => {
    const r = checkFailover(hosts, plan, { vms, k: 1 });
    expect(plan.unplaced).toHaveLength(0);
    expect(r.tolerates).toBe(false);
    expect(r.clusters[0]).toMatchObject({ sets: 8, checked: 8, exhaustive: true, stoppedEarly: false });
  });

  it('stops after that many failing sets, and says so', () => {
    const r = checkFailover(hosts, plan, { vms, k: 1, maxFailingScenarios: 3 });
    expect(r.tolerates).toBe(false);
    expect(r.exhaustive).toBe(false);
    expect(r.clusters[0]).toMatchObject({ sets: 8, checked: 3, exhaustive: false, stoppedEarly: true });
    expect(r.scenarios.every((s) => s.unplaced.length > 0)).toBe(true);
    expect(r.assumptions.find((a) => a.name === 'failover.maxFailingScenarios')).toMatchObject({ value: 3, isDefault: false });
  });

  it('rejects a limit below 1', () => {
    expect(() => checkFailover(hosts, plan, { vms, k: 1, maxFailingScenarios: 0 })).toThrow(/failover.maxFailingScenarios/);
  });
});
