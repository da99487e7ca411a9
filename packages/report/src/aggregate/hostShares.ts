import { RESOURCES, type Resource } from '@hostplan/core';
import type { ReportHost } from '../input/types.js';

/**
 * Resources worth drawing for these hosts: those with a finite, positive capacity on some host.
 *
 * @example
 * drawnResources([{ id: 'h', used: { memoryMB: 1 }, capacity: { memoryMB: 2, vms: Infinity } }]) // => ['memoryMB']
 */
export function drawnResources(hosts: readonly ReportHost[]): Resource[] {
  return RESOURCES.filter((r) => hosts.some((h) => { const c = h.capacity[r]; return c !== undefined && Number.isFinite(c) && c > 0; }));
}

/**
 * used / capacity of a host's fullest resource (its binding share), 0 for an empty host.
 *
 * @example
 * peakShare({ id: 'h', used: { cpuGHz: 5, memoryMB: 30 }, capacity: { cpuGHz: 10, memoryMB: 40 } }) // => 0.75
 */
export function peakShare(host: ReportHost, resources: readonly Resource[] = RESOURCES): number {
  let best = 0;
  for (const r of resources) {
    const c = host.capacity[r];
    const u = host.used[r];
    if (c !== undefined && u !== undefined && Number.isFinite(c) && c > 0) best = Math.max(best, u / c);
  }
  return best;
}

/**
 * The `n` fullest hosts, fullest first (ties by id): the rows drawn when a plan is too big to
 * draw a bar per host. O(h log h).
 *
 * @example
 * topHosts(hosts, 25) // the 25 hosts with the highest binding share
 */
export function topHosts(hosts: readonly ReportHost[], n: number, resources: readonly Resource[] = RESOURCES): ReportHost[] {
  return hosts
    .map((h) => ({ h, s: peakShare(h, resources) }))
    .sort((a, b) => b.s - a.s || (a.h.id < b.h.id ? -1 : a.h.id > b.h.id ? 1 : 0))
    .slice(0, n)
    .map((x) => x.h);
}
