import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, type Resource } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { asResolved, hostCapacity } from './hostCapacity.js';
import { platformViolations } from './platformRules.js';
import type { Violation } from './types.js';
import { vmDemand } from './vmDemand.js';
import { tolerance } from './fits.js';
import { asHost, asVm } from '../input/normalise.js';

/** The answer of {@link vmsPerHost}. */
export interface VmsPerHost {
  readonly count: number;
  /** The resource that stops the count (the smallest per-resource count); null when a platform rule forbids the VM. */
  readonly binding: Resource | null;
  /** How many copies each resource alone would allow (Infinity when the VM asks none of it). */
  readonly perResource: Readonly<Record<Resource, number>>;
  readonly violations: readonly Violation[];
}

/**
 * How many copies of one VM a host holds: min over resources of floor(limit / demand).
 * O(resources).
 *
 * @example
 * // 2 x 4 cores, 3.0 GHz, 32 GB on hyperv-2008; VMs of 1 vCPU and 2 GB cost 2,088 MB each:
 * // floor((32,768 - 512) / 2,088) = 15, bound by memory
 * vmsPerHost(host, { id: 'v', vcpus: 1, memoryGB: 2 }) // => { count: 15, binding: 'memoryMB', ... }
 */
export function vmsPerHost(host: Host, vm: Vm, policy?: Policy | ResolvedPolicy): VmsPerHost {
  host = asHost(host, 'host');
  vm = asVm(vm, 'vm');
  const p = asResolved(policy);
  const cap = hostCapacity(host, p);
  const demand = vmDemand(vm, host, p).vector;
  const violations = platformViolations(vm, host, cap.platform);
  const perResource = {} as Record<Resource, number>;
  let count = Infinity;
  let binding: Resource | null = null;
  for (const r of RESOURCES) {
    const n = demand[r] > 0 ? Math.floor((cap.limits[r] + tolerance(cap.limits[r])) / demand[r]) : Infinity;
    perResource[r] = n;
    if (n < count) {
      count = n;
      binding = r;
    }
  }
  if (violations.length > 0) return { count: 0, binding: null, perResource, violations };
  return { count, binding, perResource, violations };
}
