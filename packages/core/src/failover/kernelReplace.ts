import { R, type ClusterKernel } from './kernel.js';

/** Scratch arrays for re-placing failure sets of one kernel, reused from set to set. */
export interface KernelScratch {
  readonly kernel: ClusterKernel;
  readonly failed: Uint8Array;
  /** Use per host and resource after the restart. */
  readonly used: Float64Array;
  /** Displaced VMs of the current set, in re-placement order: displaced[0 .. count). */
  readonly displaced: Int32Array;
  count: number;
  /** Local host each displaced VM restarts on (-1: nowhere), by local VM. */
  readonly target: Int32Array;
  /** Host an affinity group was fixed to in this set (-1: not yet), and the groups fixed. */
  readonly affHost: Int32Array;
  readonly affSet: Int32Array;
  affSetCount: number;
}

/**
 * Fresh scratch arrays for a kernel.
 *
 * @example
 * const scratch = kernelScratch(clusterKernel(loads, policy));
 */
export function kernelScratch(kernel: ClusterKernel): KernelScratch {
  const m = kernel.vmIds.length;
  return {
    kernel, failed: new Uint8Array(kernel.hosts), used: new Float64Array(kernel.hosts * R), displaced: new Int32Array(m), count: 0,
    target: new Int32Array(m).fill(-1), affHost: new Int32Array(kernel.affinityGroups).fill(-1), affSet: new Int32Array(kernel.affinityGroups), affSetCount: 0,
  };
}

/** The host an affinity group is bound to in this set: fixed by a restart, else its first surviving member's host, else -1. */
function affinityHome(s: KernelScratch, g: number): number {
  if (s.affHost[g]! >= 0) return s.affHost[g]!;
  const k = s.kernel;
  for (let i = k.affMemberStart[g]!; i < k.affMemberStart[g + 1]!; i++) {
    const h = k.vmHost[k.affMembers[i]!]!;
    if (!s.failed[h]) return h;
  }
  return -1;
}

/** Best surviving host for VM v (the one it fills most, sum of used / limit), or -1. */
function bestHost(s: KernelScratch, v: number): number {
  const k = s.kernel;
  let best = -1;
  let bestFill = -1;
  for (let h = 0; h < k.hosts; h++) {
    if (s.failed[h] || !k.usable[h] || !k.allowed[v * k.platforms + k.platformOf[h]!]) continue;
    const d = (v * k.clocks + k.clockOf[h]!) * R;
    const hb = h * R;
    let fill = 0;
    let ok = true;
    for (let i = 0; i < R; i++) {
      const after = s.used[hb + i]! + k.demand[d + i]!;
      if (after > k.limits[hb + i]! + k.slack[hb + i]!) { ok = false; break; }
      fill += after * k.invLimit[hb + i]!;
    }
    if (!ok || fill <= bestFill) continue;
    for (let i = k.antiStart[v]!; ok && i < k.antiStart[v + 1]!; i++) if (k.antiCount[h * k.antiGroups + k.anti[i]!]! > 0) ok = false;
    for (let i = k.affStart[v]!; ok && i < k.affStart[v + 1]!; i++) {
      const home = affinityHome(s, k.aff[i]!);
      if (home >= 0 && home !== h) ok = false;
    }
    if (ok) [best, bestFill] = [h, fill];
  }
  return best;
}

/**
 * Re-places the VMs of the failed hosts (local indices `failed[0 .. size)`) onto the survivors
 * by best fit on the kernel's arrays, the other VMs staying put, respecting capacity with
 * reserves on every resource, platform rules, anti-affinity and affinity: the same rules as
 * `bestFitReplace`. Returns the number of VMs that found no host (0: every VM restarts, with
 * `scratch.target` saying where and `scratch.used` the hosts' use after the restart).
 * Allocates nothing. O(displaced x hosts x resources).
 *
 * @example
 * kernelReplace(scratch, Int32Array.of(3), 1) // => 0
 */
export function kernelReplace(s: KernelScratch, failed: Int32Array, size: number): number {
  const k = s.kernel;
  s.failed.fill(0);
  for (let i = 0; i < size; i++) s.failed[failed[i]!] = 1;
  s.used.set(k.baseUsed);
  s.count = 0;
  for (let i = 0; i < size; i++) {
    const h = failed[i]!;
    for (let j = k.hostVmStart[h]!; j < k.hostVmStart[h + 1]!; j++) s.displaced[s.count++] = k.hostVms[j]!;
    for (let r = 0; r < R; r++) s.used[h * R + r] = 0;
  }
  if (size > 1) s.displaced.subarray(0, s.count).sort();
  let stranded = 0;
  for (let i = 0; i < s.count; i++) {
    const v = s.displaced[i]!;
    const h = bestHost(s, v);
    s.target[v] = h;
    if (h < 0) { stranded++; continue; }
    const d = (v * k.clocks + k.clockOf[h]!) * R;
    for (let r = 0; r < R; r++) s.used[h * R + r]! += k.demand[d + r]!;
    for (let j = k.antiStart[v]!; j < k.antiStart[v + 1]!; j++) k.antiCount[h * k.antiGroups + k.anti[j]!]!++;
    for (let j = k.affStart[v]!; j < k.affStart[v + 1]!; j++) {
      const g = k.aff[j]!;
      if (s.affHost[g]! < 0 && affinityHome(s, g) < 0) { s.affHost[g] = h; s.affSet[s.affSetCount++] = g; }
    }
  }
  // undo this set's anti-affinity counts and affinity homes: the kernel is shared by every set
  for (let i = 0; i < s.count; i++) {
    const v = s.displaced[i]!;
    const h = s.target[v]!;
    if (h >= 0) for (let j = k.antiStart[v]!; j < k.antiStart[v + 1]!; j++) k.antiCount[h * k.antiGroups + k.anti[j]!]!--;
  }
  for (let i = 0; i < s.affSetCount; i++) s.affHost[s.affSet[i]!] = -1;
  s.affSetCount = 0;
  return stranded;
}

/**
 * After `kernelReplace` left VMs over: true when some displaced VM fits no surviving host even
 * alone, on what that host already runs (capacity on every resource and platform rules). The
 * other VMs stay put in every re-placement, so no engine can restart it: the set fails
 * whatever is tried. O(displaced x hosts x resources).
 *
 * @example
 * if (kernelReplace(scratch, failed, 1) > 0 && certainlyStrandedKernel(scratch)) { ... } // the kernel's scenario describes the set (kernelScenario with the context)
 */
export function certainlyStrandedKernel(s: KernelScratch): boolean {
  const k = s.kernel;
  for (let i = 0; i < s.count; i++) {
    const v = s.displaced[i]!;
    let somewhere = false;
    for (let h = 0; h < k.hosts && !somewhere; h++) {
      if (s.failed[h] || !k.usable[h] || !k.allowed[v * k.platforms + k.platformOf[h]!]) continue;
      const d = (v * k.clocks + k.clockOf[h]!) * R;
      let ok = true;
      for (let r = 0; r < R && ok; r++) if (k.baseUsed[h * R + r]! + k.demand[d + r]! > k.limits[h * R + r]! + k.slack[h * R + r]!) ok = false;
      somewhere = ok;
    }
    if (!somewhere) return true;
  }
  return false;
}
