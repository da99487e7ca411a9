import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkVector, HostplanError, parseHost, parsePolicy, placeVms, PLATFORMS, resolvePlatform, validatePlatformProfile, type PlatformProfile } from '@hostplan/core';
import { zeroVector } from '../src/model/resources.js';

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

describe('platform names from input (hostile)', () => {
  const host = { id: 'h1', sockets: 1, coresPerSocket: 1, threadsPerCore: 1, clockGHz: 1, memoryGB: 1 };
  const huge = { id: 'big', vcpus: 4096, memoryGB: 1024 * 1024 };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('resolvePlatform refuses %j as an unknown platform, naming the path', (name) => {
    expect(() => resolvePlatform(name, 'hosts[h1].platform')).toThrow(new RegExp(`^hosts\\[h1\\]\\.platform: unknown platform "${name}"`));
  });

  it.each(['constructor', '__proto__', 'toString'])('a host on platform %j is refused by parseHost and by placeVms, never a fit', (name) => {
    expect(() => parseHost({ ...host, platform: name }, 'hosts.json: hosts[0]')).toThrow(/^hosts\.json: hosts\[0\]\.platform: unknown platform/);
    expect(() => placeVms([{ ...host, platform: name }], [huge])).toThrow(HostplanError);
  });

  it('refuses a policy whose custom platform is {} or has a NaN, negative or missing limit', () => {
    expect(() => parsePolicy({ platform: {} }, 'policy.json')).toThrow(/^policy\.json\.platform\.id: expected a non-empty string/);
    expect(() => placeVms([host], [huge], { policy: { platform: {} as PlatformProfile } })).toThrow(/policy\.platform\.id/);
    const base = PLATFORMS['hyperv-2016']!;
    for (const bad of [{ maxRunningVms: -1 }, { maxHostMemoryGB: NaN }, { maxVcpusPerVm: 1.5 }, { vcpuPerLp: 0 }, { maxLogicalProcessors: undefined }, { colour: 'red' }]) {
      expect(() => validatePlatformProfile({ ...base, id: 'lab', ...bad }, 'policy.platform')).toThrow(HostplanError);
    }
    expect(() => validatePlatformProfile({ ...base, id: 'lab', guestVcpuRules: [{ family: 'os/2-warp', name: 'x', allowedVcpus: [1] }] }, 'p')).toThrow(/p\.guestVcpuRules\[0\]\.family: expected a guest OS family/);
    expect(() => validatePlatformProfile({ ...base, id: 'lab', guestVcpuRules: [{ pattern: '(', name: 'x', allowedVcpus: [1] }] }, 'p')).toThrow(/p\.guestVcpuRules\[0\]\.pattern: unknown field/);
  });

  it('any id that is not a built-in profile is refused, whatever Object.prototype holds', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype))), (name) => {
      fc.pre(!Object.hasOwn(PLATFORMS, name));
      expect(() => resolvePlatform(name)).toThrow(/unknown platform/);
    }));
  });

  it('placement refuses a NaN or negative capacity or demand as an internal error', () => {
    expect(() => placeVms([{ ...host, memoryGB: NaN }], [{ id: 'v', vcpus: 1, memoryGB: 1 }])).toThrow(/hosts\[h1\]: internal error: capacity memoryMB is NaN/);
    expect(() => placeVms([host], [{ id: 'v', vcpus: -1, memoryGB: 1 }])).toThrow(/vms\[v\]: internal error: demand cpuGHz is -/);
    expect(() => placeVms([host], [{ id: 'v', vcpus: 1, memoryGB: 0.5, diskGB: NaN }])).toThrow(/internal error: demand storageGB is NaN/);
    expect(() => checkVector({ ...zeroVector(), memoryMB: Infinity }, 'demand', 'vms[v]')).toThrow(/demand memoryMB is Infinity/);
  });
});
