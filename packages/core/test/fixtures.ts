import type { Host, Vm } from '@hostplan/core';

/** The seed's 2008-era host: 2 sockets x 4 cores, 3.0 GHz, 32 GB, Server Core, hyperv-2008. */
export const host2008: Host = { id: 'h2008', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 };

/** A VM of the given vCPUs and memory, defaults for the rest. */
export const vm = (id: string, vcpus: number, memoryGB: number, extra: Partial<Vm> = {}): Vm => ({ id, vcpus, memoryGB, ...extra });
