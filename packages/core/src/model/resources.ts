/**
 * The resources hostplan plans over, each in the unit its name says.
 * - `cpuGHz`: CPU demand in GHz at the host's clock (physical cores x clock is the supply).
 * - `vcpus`: virtual processors, against the platform's vCPU-per-LP allowance.
 * - `memoryMB`: binary megabytes, VM memory plus its overhead.
 * - `iops`: storage I/O operations per second (effective, after the RAID write penalty).
 * - `storageGB`: storage capacity in binary gigabytes.
 * - `networkMbps`: guest network bandwidth in megabits per second.
 * - `vms`: running VMs (the platform's per-host limit).
 */
export const RESOURCES = ['cpuGHz', 'vcpus', 'memoryMB', 'iops', 'storageGB', 'networkMbps', 'vms'] as const;

/** One of {@link RESOURCES}. */
export type Resource = (typeof RESOURCES)[number];

/** A number per resource. */
export type ResourceVector = Record<Resource, number>;

/**
 * A vector of zeros: the start of a sum, or a demand of nothing.
 *
 * @example
 * zeroVector().memoryMB // => 0
 */
export function zeroVector(): ResourceVector {
  return { cpuGHz: 0, vcpus: 0, memoryMB: 0, iops: 0, storageGB: 0, networkMbps: 0, vms: 0 };
}

/**
 * `a + b`, element-wise, as a new vector (the inputs are not changed).
 *
 * @example
 * addVectors({ ...zeroVector(), memoryMB: 1024 }, { ...zeroVector(), memoryMB: 512, vms: 1 })
 * // => { cpuGHz: 0, vcpus: 0, memoryMB: 1536, iops: 0, storageGB: 0, networkMbps: 0, vms: 1 }
 */
export function addVectors(a: Readonly<ResourceVector>, b: Readonly<ResourceVector>): ResourceVector {
  const out = zeroVector();
  for (const r of RESOURCES) out[r] = a[r] + b[r];
  return out;
}

/**
 * `a - b`, element-wise, as a new vector (the inputs are not changed), e.g. what is left of a
 * capacity after a use.
 *
 * @example
 * subtractVectors({ ...zeroVector(), cpuGHz: 10 }, { ...zeroVector(), cpuGHz: 2.5 }).cpuGHz // => 7.5
 */
export function subtractVectors(a: Readonly<ResourceVector>, b: Readonly<ResourceVector>): ResourceVector {
  const out = zeroVector();
  for (const r of RESOURCES) out[r] = a[r] - b[r];
  return out;
}

/** Units of each resource, for messages and reports. */
export const RESOURCE_UNITS: Readonly<Record<Resource, string>> = {
  cpuGHz: 'GHz',
  vcpus: 'vCPUs',
  memoryMB: 'MB',
  iops: 'IOPS',
  storageGB: 'GB',
  networkMbps: 'Mbps',
  vms: 'VMs',
};

/** Names of each resource for people, in messages and reports. */
export const RESOURCE_LABELS: Readonly<Record<Resource, string>> = {
  cpuGHz: 'CPU',
  vcpus: 'vCPU allowance',
  memoryMB: 'memory',
  iops: 'storage IOPS',
  storageGB: 'storage space',
  networkMbps: 'guest network',
  vms: 'running-VM slots',
};
