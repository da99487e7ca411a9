import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, RESOURCE_LABELS, RESOURCE_UNITS, zeroVector, type Resource, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { hostCapacity, asResolved } from './hostCapacity.js';
import { platformViolations } from './platformRules.js';
import type { FitResult, HostCapacity, Shortfall } from './types.js';
import { vmDemand } from './vmDemand.js';
import { asHost, asVm } from '../input/normalise.js';
import { formatDecimal } from '../format/numbers.js';

/** Relative tolerance for floating-point sums when comparing demand with capacity. */
export const EPSILON = 1e-9;

/**
 * Absolute slack allowed against a limit, so that rounding in sums of demands does not reject
 * an exact fit: {@link EPSILON} x max(1, limit), 0 for an unlimited (Infinity) resource.
 *
 * @example
 * tolerance(32_768) // => 0.000032768
 */
export function tolerance(limit: number): number {
  return limit === Infinity ? 0 : EPSILON * Math.max(1, limit);
}

/**
 * Whether `requested` more of a resource overflows a limit of which `used` is taken, beyond
 * {@link tolerance}: the one capacity comparison of {@link shortfalls}, {@link fits} and the
 * placement filter. O(1).
 *
 * @example
 * exceeds(4096, 30_000, 32_768) // => true (2,768 free)
 */
export function exceeds(requested: number, used: number, limit: number): boolean {
  return requested > limit - used + tolerance(limit);
}

const fmt = (x: number) => formatDecimal(x, 2);

/**
 * Describes a shortfall in the resource's unit, amounts with thousands separators and at most
 * two decimals.
 *
 * @example
 * shortfallMessage('memoryMB', 4152, 3024, 32256)
 * // => 'needs 1,128 MB more memory: requested 4,152 MB, 3,024 MB free of 32,256 MB'
 */
export function shortfallMessage(resource: Resource, requested: number, available: number, capacity: number): string {
  const u = RESOURCE_UNITS[resource];
  return `needs ${fmt(requested - available)} ${u} more ${RESOURCE_LABELS[resource]}: requested ${fmt(requested)} ${u}, ${fmt(Math.max(0, available))} ${u} free of ${fmt(capacity)} ${u}`;
}

/**
 * The shortfalls of a demand vector against what is left of a capacity (`limits - used`), one
 * per resource that does not fit (beyond {@link tolerance}), with the numbers and a message.
 * Empty when the demand fits.
 *
 * @example
 * shortfalls({ ...zeroVector(), memoryMB: 4096 }, { ...zeroVector(), memoryMB: 30_000 }, { ...zeroVector(), memoryMB: 32_768 })
 *   .map((s) => s.resource) // => ['memoryMB']
 */
export function shortfalls(demand: Readonly<ResourceVector>, used: Readonly<ResourceVector>, limits: Readonly<ResourceVector>): Shortfall[] {
  const out: Shortfall[] = [];
  for (const r of RESOURCES) {
    const available = limits[r] - used[r];
    if (exceeds(demand[r], used[r], limits[r])) {
      out.push({ resource: r, requested: demand[r], available, capacity: limits[r], message: shortfallMessage(r, demand[r], available, limits[r]) });
    }
  }
  return out;
}

/**
 * Whether a VM fits on a host that already carries `used` (a demand vector, e.g. the sum of
 * `vmDemand` of the VMs there): `{ ok: true }`, or every shortfall and platform violation.
 * O(resources).
 *
 * @example
 * fits({ id: 'big', vcpus: 5, memoryGB: 4 }, host2008, {}) // => { ok: false, shortfalls: [], violations: [{ rule: 'max-vcpus-per-vm', ... }] }
 */
export function fits(vm: Vm, host: Host, used: Partial<ResourceVector> = {}, policy?: Policy | ResolvedPolicy, capacity?: HostCapacity): FitResult {
  vm = asVm(vm, 'vm');
  host = asHost(host, 'host');
  const p = asResolved(policy);
  const cap = capacity ?? hostCapacity(host, p);
  const demand = vmDemand(vm, host, p).vector;
  const u = { ...zeroVector(), ...used };
  const s = shortfalls(demand, u, cap.limits);
  const v = platformViolations(vm, host, cap.platform);
  return s.length === 0 && v.length === 0 ? { ok: true } : { ok: false, shortfalls: s, violations: v };
}
