import { describe, expect, it } from 'vitest';
import { effectiveIops, hostCapacity, HostplanError, usableCapacityGB } from '@hostplan/core';
import { host2008 } from '../fixtures.js';

describe('hostCapacity(host, policy?)', () => {
  it('gives the 2008 host its capacity with the rule for each figure', () => {
    const c = hostCapacity(host2008);
    expect(c.logicalProcessors).toBe(8);
    expect(c.limits.cpuGHz).toBeCloseTo(21.6, 12); // 8 x 3.0 x (1 - 10 %)
    expect(c.limits.vcpus).toBe(64); //              8 LPs x 8
    expect(c.limits.memoryMB).toBe(32256); //        32,768 - 512
    expect(c.limits.vms).toBe(128);
    expect(c.rules.memoryMB).toContain('512 MB root reserve');
    expect(c.rules.cpuGHz).toContain('8 physical cores x 3 GHz');
  });

  it('counts hyper-threads as logical processors, not GHz', () => {
    const ht = hostCapacity({ ...host2008, threadsPerCore: 2 });
    expect(ht.logicalProcessors).toBe(16);
    expect(ht.limits.vcpus).toBe(128); //  16 LPs x 8
    expect(ht.limits.cpuGHz).toBeCloseTo(21.6, 12); // still 8 cores x 3 GHz x 0.9
  });

  it('caps logical processors at the platform limit (16 on 2008)', () => {
    // 2 x 6 cores x 2 threads = 24 LPs; 2008 uses 16 -> 8 cores' worth of GHz, 128 vCPUs
    const c = hostCapacity({ ...host2008, coresPerSocket: 6, threadsPerCore: 2 });
    expect(c.usableLogicalProcessors).toBe(16);
    expect(c.limits.vcpus).toBe(128);
    expect(c.total.cpuGHz).toBe(24);
  });

  it('imposes no vCPU ratio from 2012 on', () => {
    expect(hostCapacity({ ...host2008, platform: 'hyperv-2016' }).limits.vcpus).toBe(Infinity);
  });

  it('applies the policy: vCPU ratio, reserves and target ceilings', () => {
    const c = hostCapacity(host2008, { vcpuPerLp: 4, reserves: { cpuPercent: 0 }, targetUtilization: { memoryMB: 0.8 } });
    expect(c.limits.vcpus).toBe(32);
    expect(c.limits.cpuGHz).toBe(24);
    expect(c.limits.memoryMB).toBeCloseTo(32256 * 0.8, 9);
  });

  it('derives IOPS from disks by the RAID write penalty', () => {
    // 8 x 180 = 1,440 raw; RAID 5 at 70 % reads: 1,440 / (0.7 + 4 x 0.3) = 1,440 / 1.9 = 757.89
    const g = { count: 8, iopsPerDisk: 180, sizeGB: 600, raid: '5', readShare: 0.7 } as const;
    expect(effectiveIops(g)).toBeCloseTo(757.894736842, 6);
    expect(usableCapacityGB(g)).toBe(4200); // (8 - 1) x 600
    // RAID 10: 1,440 / (0.7 + 2 x 0.3) = 1,107.69; capacity 8 / 2 x 600 = 2,400
    const c = hostCapacity({ ...host2008, storage: { disks: [{ ...g, raid: '10' }] } });
    expect(c.limits.iops).toBeCloseTo(1440 / 1.3, 9);
    expect(c.limits.storageGB).toBe(2400);
  });

  it('sums guest-role ports only, less the network reserve', () => {
    // 2 x 10 Gbps guest = 20,000 Mbps, less 10 % = 18,000; management ports do not count
    const c = hostCapacity({ ...host2008, nics: [{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }] });
    expect(c.limits.networkMbps).toBe(18000);
    expect(hostCapacity({ ...host2008, nics: [{ role: 'management', gbps: 1, ports: 1 }] }).limits.networkMbps).toBe(0);
  });

  it('treats a host without storage or NIC sections as not modelled there (unlimited)', () => {
    const c = hostCapacity(host2008);
    expect(c.limits.iops).toBe(Infinity);
    expect(c.limits.networkMbps).toBe(Infinity);
    expect(c.rules.networkMbps).toMatch(/not modelled/);
  });

  it('throws HostplanError for an unknown platform, naming the field', () => {
    expect(() => hostCapacity({ ...host2008, platform: 'hyperv-1999' })).toThrow(HostplanError);
    try {
      hostCapacity({ ...host2008, platform: 'hyperv-1999' });
    } catch (e) {
      expect((e as HostplanError).code).toBe('unknown-platform');
      expect((e as HostplanError).path).toBe('hosts[h2008].platform');
    }
  });
});
