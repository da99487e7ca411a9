import { fits, RESOURCES, vmDemand, type Host, type ResourceVector, type Placement, type Vm } from '@hostplan/core';

/**
 * The trap: `big` hosts of 96 GB, each running one VM of `bigVmGB`, next to `small`
 * hosts of 16 GB filled with 1 GB VMs until the next would not fit. Only the set of all big
 * hosts failing together strands VMs (their VMs fit no full small host), so a sample of the
 * failure sets easily misses it.
 */
export function trapFarm(platform: string, small: number, big: number, bigVmGB: number): { hosts: Host[]; vms: Vm[]; plan: { placements: Placement[] } } {
  const hosts: Host[] = [
    ...Array.from({ length: big }, (_, i) => ({ id: `big${i + 1}`, sockets: 2, coresPerSocket: 8, threadsPerCore: 1, clockGHz: 3, memoryGB: 96, platform })),
    ...Array.from({ length: small }, (_, i) => ({ id: `s${String(i + 1).padStart(2, '0')}`, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 16, platform })),
  ];
  const vms: Vm[] = [];
  const placements: Placement[] = [];
  for (const h of hosts) {
    if (h.memoryGB === 96) {
      vms.push({ id: `${h.id}-vm`, vcpus: 1, memoryGB: bigVmGB });
      placements.push({ vm: `${h.id}-vm`, host: h.id });
      continue;
    }
    const used: Partial<ResourceVector> = {};
    for (let i = 1; ; i++) {
      const vm: Vm = { id: `${h.id}-${i}`, vcpus: 1, memoryGB: 1 };
      if (!fits(vm, h, used).ok) break;
      const d = vmDemand(vm, h).vector;
      for (const r of RESOURCES) used[r] = (used[r] ?? 0) + d[r];
      vms.push(vm);
      placements.push({ vm: vm.id, host: h.id });
    }
  }
  return { hosts, vms, plan: { placements } };
}
