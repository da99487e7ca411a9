import { describe, expect, it } from 'vitest';
import { vmsPerHost, vmDemand } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';

describe('vmsPerHost(host, vm, policy?)', () => {
  it('fits 15 VMs of 1 vCPU / 2 GB on the 2008 host, bound by memory', () => {
    // each VM: 2,048 MB + 40 MB overhead = 2,088 MB
    // usable: 32,768 - 512 root reserve = 32,256 MB; floor(32,256 / 2,088) = floor(15.45) = 15
    // CPU: 8 cores x 3 GHz x 0.9 (10 % reserve) = 21.6 GHz; 1 x 0.2 x 3 = 0.6 GHz each -> 36
    // vCPUs: 8 LPs x 8 = 64
    const r = vmsPerHost(host2008, vm('v', 1, 2));
    expect(vmDemand(vm('v', 1, 2), host2008).vector.memoryMB).toBe(2088);
    expect(r.count).toBe(15);
    expect(r.binding).toBe('memoryMB');
    expect(r.perResource.cpuGHz).toBe(36);
    expect(r.perResource.vcpus).toBe(64);
  });

  it('fits 3 VMs of 4 vCPU / 64 GB on a 256 GB host', () => {
    // each VM: 65,536 + 536 = 66,072 MB; usable 262,144 - 512 = 261,632; floor(3.96) = 3
    const r = vmsPerHost({ ...host2008, memoryGB: 256 }, vm('v', 4, 64));
    expect(r.count).toBe(3);
    expect(r.binding).toBe('memoryMB');
  });

  it('fits 14 with a root reserve of 2,048 MB', () => {
    // usable 32,768 - 2,048 = 30,720; floor(30,720 / 2,088) = floor(14.71) = 14
    expect(vmsPerHost(host2008, vm('v', 1, 2), { rootReserveMB: 2048 }).count).toBe(14);
  });

  it('costs a full installation 80 MB more than Server Core', () => {
    // a VM of 7,976 MB (7.7890625 GB, 8 started GB: overhead 32 + 7 x 8 = 88) costs 8,064 MB
    // Server Core: 32,768 - 512 = 32,256 = 4 x 8,064 -> 4 VMs
    // full:        32,768 - 592 = 32,176 < 4 x 8,064 -> 3 VMs
    const v = vm('v', 1, 7976 / 1024);
    expect(vmsPerHost(host2008, v).count).toBe(4);
    expect(vmsPerHost({ ...host2008, installation: 'full' }, v).count).toBe(3);
  });

  it('is bound by CPU when VMs are busy', () => {
    // 4 vCPUs at 100 %: 12 GHz each against 21.6 GHz -> 1; memory would allow 15 of 1 GB
    const r = vmsPerHost(host2008, vm('v', 4, 1, { cpuUtilization: 1 }));
    expect(r.count).toBe(1);
    expect(r.binding).toBe('cpuGHz');
  });

  it('is bound by the vCPU:LP ratio when VMs are idle and small', () => {
    // 64 vCPUs allowed; 4-vCPU VMs at 1 % and 256 MB: vCPUs allow 16, memory 32,256 / 288 = 112
    const r = vmsPerHost(host2008, vm('v', 4, 0.25, { cpuUtilization: 0.01 }));
    expect(r.count).toBe(16);
    expect(r.binding).toBe('vcpus');
  });

  it('gives 0 with the platform violation for a VM the platform forbids', () => {
    const r = vmsPerHost(host2008, vm('v', 5, 2));
    expect(r.count).toBe(0);
    expect(r.violations.map((v) => v.rule)).toEqual(['max-vcpus-per-vm']);
  });
});
