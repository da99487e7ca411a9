import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import type { PlatformProfile } from '../platform/profile.js';
import type { Violation } from './types.js';

/**
 * Platform rules a VM breaks on a host whatever else runs there: vCPUs and memory per VM, the
 * guest OS's allowed virtual processor counts, and a host marked unavailable.
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
  if (vm.guestOS) {
    const rule = platform.guestVcpuRules.find((r) => new RegExp(r.pattern, 'i').test(vm.guestOS!));
    if (rule && !rule.allowedVcpus.includes(vm.vcpus)) {
      out.push({ rule: 'guest-os-vcpus', limit: rule.allowedVcpus, value: vm.vcpus,
        message: `${rule.name} on ${platform.name} supports ${rule.allowedVcpus.join(', ')} virtual processors; the VM has ${vm.vcpus}` });
    }
  }
  return out;
}
