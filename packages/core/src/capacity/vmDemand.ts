import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { asResolved } from './hostCapacity.js';
import { memoryOverheadMB } from './overhead.js';
import type { VmDemand } from './types.js';
import { checkVector } from './checkVector.js';
import { asHost, asVm } from '../input/normalise.js';

/**
 * What a VM costs on a host, overhead included: CPU in GHz at the host's clock (measured
 * `cpuDemandGHz`, capped at vCPUs x clock, or vCPUs x utilisation x clock), vCPUs, memory plus
 * the per-VM overhead, IOPS times the VHD type's factor, disk GB, guest Mbps and one VM slot.
 * O(1).
 *
 * @example
 * // 1 vCPU, 2 GB on a 3.0 GHz host: 2,048 + 40 MB overhead; 1 x 0.2 x 3.0 GHz
 * const d = vmDemand({ id: 'v', vcpus: 1, memoryGB: 2 }, host);
 * d.vector.memoryMB // => 2088
 * d.vector.cpuGHz   // => 0.6
 */
export function vmDemand(vm: Vm, host: Host, policy?: Policy | ResolvedPolicy): VmDemand {
  vm = asVm(vm, 'vm');
  host = asHost(host, 'host');
  const p = asResolved(policy);
  const memoryMB = vm.memoryGB * 1024;
  const overhead = memoryOverheadMB(memoryMB, p.memoryOverhead);
  const maxGHz = vm.vcpus * host.clockGHz;
  const utilization = vm.cpuUtilization ?? p.newVm.cpuUtilization;
  const vhd = vm.vhd ?? 'fixed';
  const baseIops = vm.iops ?? p.newVm.iops;
  const vector = demandVector(vm, host.clockGHz, p);
  const rules: Record<Resource, string> = {
    cpuGHz: vm.cpuDemandGHz !== undefined
      ? `measured ${vm.cpuDemandGHz} GHz${vm.cpuDemandGHz > maxGHz ? `, capped at ${vm.vcpus} vCPUs x ${host.clockGHz} GHz` : ''}`
      : `${vm.vcpus} vCPUs x ${utilization} utilisation${vm.cpuUtilization === undefined ? ' (default)' : ''} x ${host.clockGHz} GHz`,
    vcpus: `${vm.vcpus} virtual processors`,
    memoryMB: `${memoryMB} MB + ${overhead} MB overhead${p.memoryOverhead ? ` (formula ${p.memoryOverhead})` : ' (32 MB first GB + 8 MB per further GB)'}`,
    iops: `${baseIops} IOPS${vm.iops === undefined ? ' (default)' : ''} x ${p.vhdIopsFactor[vhd]} for a ${vhd} VHD`,
    storageGB: `${vector.storageGB} GB${vm.diskGB === undefined ? ' (default)' : ''}`,
    networkMbps: `${vector.networkMbps} Mbps${vm.networkMbps === undefined ? ' (default)' : ''}`,
    vms: 'one running VM',
  };
  return { vmId: vm.id, hostId: host.id, vector, memoryOverheadMB: overhead, rules };
}

/**
 * The demand vector of {@link vmDemand} alone, for hot paths (internal): no rule sentences and
 * no normalisation of the VM (the caller passes a normalised VM and a resolved policy). A
 * VM's demand depends on the host only through its clock. O(1).
 *
 * @example
 * demandVector({ id: 'v', vcpus: 1, memoryGB: 2 }, 3, resolvePolicy({})).memoryMB // => 2088
 */
export function demandVector(vm: Vm, clockGHz: number, p: ResolvedPolicy): ResourceVector {
  const memoryMB = vm.memoryGB * 1024;
  const maxGHz = vm.vcpus * clockGHz;
  const utilization = vm.cpuUtilization ?? p.newVm.cpuUtilization;
  const vector: ResourceVector = {
    cpuGHz: vm.cpuDemandGHz !== undefined ? Math.min(vm.cpuDemandGHz, maxGHz) : vm.vcpus * utilization * clockGHz,
    vcpus: vm.vcpus,
    memoryMB: memoryMB + memoryOverheadMB(memoryMB, p.memoryOverhead),
    iops: (vm.iops ?? p.newVm.iops) * p.vhdIopsFactor[vm.vhd ?? 'fixed'],
    storageGB: vm.diskGB ?? p.newVm.diskGB,
    networkMbps: vm.networkMbps ?? p.newVm.networkMbps,
    vms: 1,
  };
  // the check's path is built only when an entry is wrong (this runs once per VM and clock)
  for (const r of RESOURCES) if (!(vector[r] >= 0 && vector[r] !== Infinity)) checkVector(vector, 'demand', `vms[${vm.id}]`);
  return vector;
}
