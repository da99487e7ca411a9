import { HostplanError } from '../errors.js';
import { RESOURCES, type ResourceVector } from '../model/resources.js';

/**
 * Guards placement against a capacity or demand that no comparison can decide: a NaN or
 * negative entry (or an infinite demand) throws {@link HostplanError} `internal-error` at
 * `path` instead of letting `demand > free` be false and the VM "fit". Capacities may be
 * Infinity (a resource not modelled). O(resources).
 *
 * @example
 * checkVector({ ...zeroVector(), memoryMB: NaN }, 'capacity', 'hosts[h1]')
 * // throws HostplanError: hosts[h1]: internal error: capacity memoryMB is NaN (expected a number >= 0)
 */
export function checkVector(vector: Readonly<ResourceVector>, kind: 'capacity' | 'demand', path: string): void {
  for (const r of RESOURCES) {
    const v = vector[r];
    if (v >= 0 && (kind === 'capacity' || v !== Infinity)) continue;
    const expected = kind === 'capacity' ? 'a number >= 0' : 'a finite number >= 0';
    throw new HostplanError('internal-error', path, `internal error: ${kind} ${r} is ${v} (expected ${expected})`, expected, v);
  }
}
