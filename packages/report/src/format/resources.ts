import { RESOURCES, type Resource } from '@hostplan/core';
import { formatNumber } from './number.js';

/** How a resource is shown: its label, the unit people read, and the factor from the model's unit. */
export interface ResourceDisplay {
  readonly label: string;
  readonly unit: string;
  /** Multiply a model value by this to get the displayed value (memory MB -> GB). */
  readonly factor: number;
}

/** Display of each resource; memory is shown in binary GB (MB / 1,024). */
export const RESOURCE_DISPLAY: Readonly<Record<Resource, ResourceDisplay>> = {
  cpuGHz: { label: 'CPU', unit: 'GHz', factor: 1 },
  vcpus: { label: 'vCPUs', unit: 'vCPUs', factor: 1 },
  memoryMB: { label: 'Memory', unit: 'GB', factor: 1 / 1024 },
  iops: { label: 'I/O', unit: 'IOPS', factor: 1 },
  storageGB: { label: 'Storage', unit: 'GB', factor: 1 },
  networkMbps: { label: 'Network', unit: 'Mbps', factor: 1 },
  vms: { label: 'VMs', unit: 'VMs', factor: 1 },
};

/**
 * True when `name` is one of core's resources, narrowing it to `Resource` (for reading
 * resource names from JSON).
 *
 * @example
 * [isResource('memoryMB'), isResource('ram')] // => [true, false]
 */
export function isResource(name: unknown): name is Resource {
  return typeof name === 'string' && (RESOURCES as readonly string[]).includes(name);
}

/**
 * A resource amount in its display unit.
 *
 * @example
 * formatResource(65536, 'memoryMB') // => '64 GB'
 */
export function formatResource(value: number | null | undefined, resource: Resource): string {
  const d = RESOURCE_DISPLAY[resource];
  if (value === null || value === undefined) return '–';
  return `${formatNumber(value * d.factor)} ${d.unit}`;
}

/**
 * The label of a resource with its unit, for headers and axes.
 *
 * @example
 * resourceLabel('memoryMB') // => 'Memory (GB)'
 */
export function resourceLabel(resource: Resource): string {
  const d = RESOURCE_DISPLAY[resource];
  return d.label === d.unit ? d.label : `${d.label} (${d.unit})`;
}
