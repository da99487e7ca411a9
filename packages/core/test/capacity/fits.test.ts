import { describe, expect, it } from 'vitest';
import { fits, vmDemand } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';

describe('fits(vm, host, used, policy?)', () => {
  it('is ok on an empty host', () => {
    expect(fits(vm('v', 1, 2), host2008, {})).toEqual({ ok: true });
  });

  it('reports a memory shortfall with requested, available and capacity', () => {
    // 14 VMs of 2 GB use 14 x 2,088 = 29,232 MB; 3,024 MB left; a 4 GB VM needs 4,096 + 56 = 4,152
    const r = fits(vm('big', 2, 4), host2008, { memoryMB: 14 * 2088, vms: 14 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.shortfalls).toHaveLength(1);
    expect(r.shortfalls[0]).toMatchObject({ resource: 'memoryMB', requested: 4152, available: 32256 - 29232, capacity: 32256 });
    expect(r.shortfalls[0]!.message).toBe('needs 1,128 MB more memory: requested 4,152 MB, 3,024 MB free of 32,256 MB');
  });

  it.each([
    ['a 5-vCPU VM on 2008', vm('v', 5, 2), 'max-vcpus-per-vm'],
    ['a 65 GB VM on 2008', vm('v', 1, 65), 'max-vm-memory'],
    ['4 vCPUs on Windows Server 2003 (1 or 2 allowed)', vm('v', 4, 2, { guestOS: 'Windows Server 2003 R2' }), 'guest-os-vcpus'],
    ['2 vCPUs on SUSE Linux Enterprise 10 (1 allowed)', vm('v', 2, 2, { guestOS: 'SUSE Linux Enterprise Server 10 SP2' }), 'guest-os-vcpus'],
    ['2 vCPUs on Windows XP SP2 (1 allowed)', vm('v', 2, 1, { guestOS: 'Windows XP SP2' }), 'guest-os-vcpus'],
  ])('reports a platform violation for %s', (_name, v, rule) => {
    const r = fits(v, host2008, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.violations.map((x) => x.rule)).toContain(rule);
  });

  it('allows what the guest OS allows', () => {
    expect(fits(vm('v', 4, 2, { guestOS: 'Windows Server 2008 Enterprise' }), host2008, {}).ok).toBe(true);
    expect(fits(vm('v', 2, 1, { guestOS: 'Windows XP SP3' }), host2008, {}).ok).toBe(true);
  });

  it('applies no 2008 guest rules on later platforms', () => {
    expect(fits(vm('v', 8, 2, { guestOS: 'Windows Server 2003' }), { ...host2008, platform: 'hyperv-2016' }, {}).ok).toBe(true);
  });

  it('refuses a host marked unavailable', () => {
    const r = fits(vm('v', 1, 1), { ...host2008, unavailable: true }, {});
    expect(!r.ok && r.violations[0]!.rule).toBe('host-unavailable');
  });

  it('caps measured CPU demand at vCPUs x clock', () => {
    // 2 vCPUs at 3 GHz can use at most 6 GHz whatever was measured
    expect(vmDemand(vm('v', 2, 1, { cpuDemandGHz: 9 }), host2008).vector.cpuGHz).toBe(6);
    expect(vmDemand(vm('v', 2, 1, { cpuDemandGHz: 1.5 }), host2008).vector.cpuGHz).toBe(1.5);
  });

  it('charges dynamic and differencing VHDs extra IOPS', () => {
    expect(vmDemand(vm('v', 1, 1, { iops: 100, vhd: 'dynamic' }), host2008).vector.iops).toBeCloseTo(110, 9);
    expect(vmDemand(vm('v', 1, 1, { iops: 100, vhd: 'differencing' }), host2008).vector.iops).toBeCloseTo(120, 9);
    expect(vmDemand(vm('v', 1, 1, { iops: 100 }), host2008).vector.iops).toBe(100);
  });
});
