import { describe, expect, it } from 'vitest';
import { PLATFORMS, resolvePlatform, type PlatformProfile } from '@hostplan/core';

describe('platform profiles', () => {
  it.each([
    // id, LPs, RAM GB, running VMs, vCPU/VM, RAM/VM GB, vCPU:LP, nodes/cluster
    ['hyperv-2008', 16, 1024, 128, 4, 64, 8, 16],
    ['hyperv-2008r2', 64, 1024, 384, 4, 64, 8, 16],
    ['hyperv-2012r2', 320, 4096, 1024, 64, 1024, null, 64],
    ['hyperv-2016', 512, 24576, 1024, 240, 12288, null, 64],
    ['hyperv-2019', 512, 24576, 1024, 240, 12288, null, 64],
    ['hyperv-2022', 1024, 4194304, 1024, 1024, 245760, null, 64],
    ['hyperv-2025', 2048, 4194304, 1024, 2048, 245760, null, 64],
  ] as const)('%s has the limits of the scalability table', (id, lps, ram, vms, vcpus, vmRam, ratio, nodes) => {
    const p = PLATFORMS[id]!;
    expect([p.maxLogicalProcessors, p.maxHostMemoryGB, p.maxRunningVms, p.maxVcpusPerVm, p.maxVmMemoryGB, p.vcpuPerLp, p.maxClusterNodes]).toEqual([lps, ram, vms, vcpus, vmRam, ratio, nodes]);
  });

  it('marks unverified figures in the data', () => {
    expect(PLATFORMS['hyperv-2008']!.unverified).toEqual(['maxLogicalProcessors', 'maxHostMemoryGB', 'maxRunningVms']);
  });

  it('accepts a custom profile and rejects unknown ids with the list of known ones', () => {
    const custom: PlatformProfile = { ...PLATFORMS['hyperv-2016']!, id: 'kvm-lab', maxRunningVms: 50 };
    expect(resolvePlatform(custom).maxRunningVms).toBe(50);
    expect(() => resolvePlatform('esx-7', 'hosts[0].platform')).toThrow(/hosts\[0\].platform: unknown platform "esx-7"; expected one of hyperv-2008/);
  });
});
