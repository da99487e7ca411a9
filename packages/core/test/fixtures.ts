import type { Host, Vm } from '@hostplan/core';

/** The seed's 2008-era host: 2 sockets x 4 cores, 3.0 GHz, 32 GB, Server Core, hyperv-2008. */
export const host2008: Host = { id: 'h2008', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 };

/** A VM of the given vCPUs and memory, defaults for the rest. */
export const vm = (id: string, vcpus: number, memoryGB: number, extra: Partial<Vm> = {}): Vm => ({ id, vcpus, memoryGB, ...extra });

/** The items in a seeded pseudo-random order (Fisher-Yates over a linear congruential generator). */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
