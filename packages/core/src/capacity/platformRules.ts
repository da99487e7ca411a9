import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import type { PlatformProfile } from '../platform/profile.js';
import type { Violation } from './types.js';
import { classifyGuestOs } from '../guest/classifyGuestOs.js';
import { formatDecimal } from '../format/numbers.js';

/**
 * Platform rules a VM breaks on a host whatever else runs there: vCPUs and memory per VM, the
 * virtual hard disk size (`diskGB` counts as one VHD unless `vhd` is `passthrough`), the guest
 * OS's allowed virtual processor counts and minimum service pack (by the guest OS table; a
 * name with no service pack is assumed to meet the minimum), and a host marked unavailable.
 *
 * @example
 * platformViolations({ id: 'v', vcpus: 5, memoryGB: 4 }, host, PLATFORMS['hyperv-2008']).map((v) => v.rule)
 * // => ['max-vcpus-per-vm']
 */
export function platformViolations(vm: Vm, host: Host, platform: PlatformProfile): Violation[] {
  const out: Violation[] = [];
  if (host.unavailable) {
    out.push({ rule: 'host-unavailable', limit: null, value: null, message: `host ${host.id} is marked unavailable` });
  }
  if (vm.vcpus > platform.maxVcpusPerVm) {
    out.push({ rule: 'max-vcpus-per-vm', limit: platform.maxVcpusPerVm, value: vm.vcpus,
      message: `${platform.name} allows at most ${platform.maxVcpusPerVm} virtual processors per VM; the VM has ${vm.vcpus}` });
  }
  if (vm.memoryGB > platform.maxVmMemoryGB) {
    out.push({ rule: 'max-vm-memory', limit: platform.maxVmMemoryGB, value: vm.memoryGB,
      message: `${platform.name} allows at most ${platform.maxVmMemoryGB} GB per VM; the VM has ${vm.memoryGB} GB` });
  }
  const vhdGB = vm.diskGB ?? 0;
  if (platform.maxVhdGB !== null && vm.vhd !== 'passthrough' && vhdGB > platform.maxVhdGB) {
    out.push({ rule: 'max-vhd-size', limit: platform.maxVhdGB, value: vhdGB,
      message: `${platform.name} allows virtual hard disks of at most ${formatDecimal(platform.maxVhdGB, 3)} GB; the VM's disk is ${formatDecimal(vhdGB, 3)} GB (split it, or use a pass-through disk)` });
  }
  if (vm.guestOS && platform.guestVcpuRules.length) out.push(...guestViolations(vm, platform));
  return out;
}

/** The guest OS rules of the platform (seed's table) that apply to the VM's guest OS, broken. */
function guestViolations(vm: Vm, platform: PlatformProfile): Violation[] {
  const os = classifyGuestOs(vm.guestOS);
  const rule = platform.guestVcpuRules.find((r) => r.family === os.family
    && (r.arch === undefined || r.arch === (os.arch ?? 'x86'))
    && (r.servicePack === undefined || r.servicePack === os.servicePack));
  if (!rule) return [];
  const out: Violation[] = [];
  if (!rule.allowedVcpus.includes(vm.vcpus)) {
    out.push({ rule: 'guest-os-vcpus', limit: rule.allowedVcpus, value: vm.vcpus,
      message: `${rule.name} on ${platform.name} supports ${rule.allowedVcpus.join(', ')} virtual processors; the VM has ${vm.vcpus}` });
  }
  if (rule.minServicePack !== undefined && os.servicePack !== null && os.servicePack < rule.minServicePack) {
    out.push({ rule: 'guest-os-service-pack', limit: rule.minServicePack, value: os.servicePack,
      message: `${rule.name} on ${platform.name} needs service pack ${rule.minServicePack} or later; the VM's guest OS ${JSON.stringify(vm.guestOS)} is SP${os.servicePack}` });
  }
  return out;
}
