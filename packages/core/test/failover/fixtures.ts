import type { Host, Placement, Vm } from '@hostplan/core';

/** 2 x 4 cores, 3 GHz, 32 GB, hyperv-2008: 32,256 MB and 21.6 GHz usable after reserves. */
export const host = (id: string, extra: Partial<Host> = {}): Host => ({ id, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32, ...extra });

/** 1 vCPU VM; memory with overhead: 2 GB -> 2,088 MB, 4 GB -> 4,152 MB, 12 GB -> 12,408 MB. */
export const vm = (id: string, memoryGB: number, extra: Partial<Vm> = {}): Vm => ({ id, vcpus: 1, memoryGB, ...extra });

/** A plan from { host: [vms] }. */
export function farm(layout: Record<string, Vm[]>, extraHosts: Host[] = []): { hosts: Host[]; vms: Vm[]; plan: { placements: Placement[] } } {
  const hosts = [...Object.keys(layout).map((id) => host(id)), ...extraHosts];
  const vms = Object.values(layout).flat();
  const placements = Object.entries(layout).flatMap(([h, list]) => list.map((v) => ({ vm: v.id, host: h })));
  return { hosts, vms, plan: { placements } };
}

export const many = (prefix: string, n: number, memoryGB: number, extra: Partial<Vm> = {}): Vm[] => Array.from({ length: n }, (_, i) => vm(`${prefix}${i + 1}`, memoryGB, extra));
