import { R, type ClusterKernel } from './kernel.js';

/**
 * A proof that a cluster survives any k failures without re-placing every set: it has at
 * least k usable empty (passive) hosts, and every running host's VMs, moved as one block,
 * fit on every passive host (capacity on every resource at that host's clock, platform
 * rules) and break no affinity group (each group runs on one host). Then for any k failed
 * hosts, a of them running VMs and f passive, at least k - f >= a passive hosts survive, so
 * each failed running host moves whole onto its own surviving passive host (anti-affinity
 * holds: a block was valid on one host). Returns the passive hosts' ids when the argument
 * holds, else null. O(hosts^2 x resources + VMs x passive hosts).
 *
 * @example
 * passiveArgument(clusterKernel(loads, policy), 2) // => ['h15', 'h16']
 */
export function passiveArgument(kernel: ClusterKernel, k: number): string[] | null {
  const passive: number[] = [];
  const active: number[] = [];
  for (let h = 0; h < kernel.hosts; h++) {
    if (!kernel.usable[h]) continue;
    (kernel.hostVmStart[h + 1]! > kernel.hostVmStart[h]! ? active : passive).push(h);
  }
  if (passive.length < k) return null;
  for (let g = 0; g < kernel.affinityGroups; g++) {
    const first = kernel.vmHost[kernel.affMembers[kernel.affMemberStart[g]!]!]!;
    for (let i = kernel.affMemberStart[g]!; i < kernel.affMemberStart[g + 1]!; i++) if (kernel.vmHost[kernel.affMembers[i]!] !== first) return null;
  }
  const block = new Float64Array(R);
  for (const a of active) {
    for (const p of passive) {
      block.fill(0);
      const c = kernel.clockOf[p]!;
      for (let j = kernel.hostVmStart[a]!; j < kernel.hostVmStart[a + 1]!; j++) {
        const v = kernel.hostVms[j]!;
        if (!kernel.allowed[v * kernel.platforms + kernel.platformOf[p]!]) return null;
        for (let r = 0; r < R; r++) block[r]! += kernel.demand[(v * kernel.clocks + c) * R + r]!;
      }
      for (let r = 0; r < R; r++) if (block[r]! > kernel.limits[p * R + r]! + kernel.slack[p * R + r]!) return null;
    }
  }
  return passive.map((p) => kernel.hostIds[p]!);
}
