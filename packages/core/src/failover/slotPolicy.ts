import type { HostLoad } from './hostLoads.js';
import type { SlotPolicyCluster } from './types.js';
import { vmDemand } from '../capacity/vmDemand.js';
import type { ResolvedPolicy } from '../model/policy.js';

/**
 * VMware HA's slot policy on one cluster: the slot is the largest CPU reservation (at least
 * `minSlotCpuGHz`, VMware's 32 MHz) and the largest memory (overhead included) of any powered-on
 * VM; each host holds min(CPU / slot CPU, memory / slot memory) slots; the cluster tolerates k
 * failures if, after losing the k hosts with the most slots, the slots left cover every VM.
 * One large VM inflates the slot for all. O(hosts x VMs).
 *
 * @example
 * // slot 1.2 GHz / 4,152 MB; hosts of 7 and 7 slots; 6 VMs: 7 left after one failure >= 6
 * slotPolicy('c1', loads, 1, policy).tolerates // => true
 */
export function slotPolicy(cluster: string, loads: readonly HostLoad[], k: number, policy: ResolvedPolicy, minSlotCpuGHz = 0.032): SlotPolicyCluster {
  const usable = loads.filter((l) => !l.host.unavailable);
  let slotCpuGHz = minSlotCpuGHz;
  let slotMemoryMB = 0;
  let vms = 0;
  for (const l of usable) {
    for (const vm of l.vms) {
      const d = vmDemand(vm, l.host, policy).vector;
      slotCpuGHz = Math.max(slotCpuGHz, d.cpuGHz);
      slotMemoryMB = Math.max(slotMemoryMB, d.memoryMB);
      vms++;
    }
  }
  // keyed by host id: no prototype, so a host named __proto__ is a key like any other
  const slotsPerHost: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const l of usable) {
    const cpu = Math.floor(l.limits.cpuGHz / slotCpuGHz + 1e-9);
    const mem = slotMemoryMB > 0 ? Math.floor(l.limits.memoryMB / slotMemoryMB + 1e-9) : Infinity;
    slotsPerHost[l.host.id] = Math.min(cpu, mem, l.limits.vms);
  }
  const counts = Object.values(slotsPerHost).sort((a, b) => b - a);
  const slotsAfterFailure = counts.slice(k).reduce((s, x) => s + x, 0);
  const tolerates = slotsAfterFailure >= vms;
  const rule = `slot ${slotCpuGHz.toFixed(3)} GHz / ${Math.round(slotMemoryMB)} MB (largest VM); ${slotsAfterFailure} slots left after losing the ${k} largest hosts ${tolerates ? '>=' : '<'} ${vms} VMs`;
  return { cluster, tolerates, slotCpuGHz, slotMemoryMB, slotsPerHost, slotsAfterFailure, vms, rule };
}
