import { VHD_TYPES, type Vm } from '../model/vm.js';
import { names, noUnknown, number, object, oneOf, string, type Raw } from './fields.js';

/** Fields a VM may have (the JSON Schema lists the same). */
export const VM_FIELDS = ['id', 'vcpus', 'memoryGB', 'diskGB', 'vhd', 'iops', 'networkMbps', 'cpuUtilization', 'cpuDemandGHz', 'guestOS', 'antiAffinity', 'affinity', 'role', 'host', 'cluster'];

/**
 * Reads one VM from a plain object (JSON, or a CSV row's cells), accepting unit strings for
 * quantities and `;`-separated group names.
 *
 * @example
 * parseVm({ id: 'web1', vcpus: 2, memoryGB: '4 GB', antiAffinity: 'web' }, 'vms[0]').antiAffinity // => ['web']
 */
export function parseVm(value: unknown, path: string): Vm {
  const raw: Raw = object(value, path);
  noUnknown(raw, VM_FIELDS, path);
  const opt = <K extends keyof Vm>(key: K, v: Vm[K] | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    id: string(raw, 'id', path, true),
    vcpus: number(raw, 'vcpus', path, { required: true, integer: true, min: 1 }),
    memoryGB: number(raw, 'memoryGB', path, { required: true, unit: 'GB', above: 0 }),
    ...opt('diskGB', number(raw, 'diskGB', path, { unit: 'GB', min: 0 })),
    ...opt('vhd', oneOf(raw, 'vhd', path, VHD_TYPES)),
    ...opt('iops', number(raw, 'iops', path, { min: 0 })),
    ...opt('networkMbps', number(raw, 'networkMbps', path, { unit: 'Mbps', min: 0 })),
    ...opt('cpuUtilization', number(raw, 'cpuUtilization', path, { min: 0, max: 1 })),
    ...opt('cpuDemandGHz', number(raw, 'cpuDemandGHz', path, { unit: 'GHz', min: 0 })),
    ...opt('guestOS', string(raw, 'guestOS', path)),
    ...opt('role', string(raw, 'role', path)),
    ...opt('antiAffinity', names(raw, 'antiAffinity', path)),
    ...opt('affinity', names(raw, 'affinity', path)),
    ...opt('host', string(raw, 'host', path)),
    ...opt('cluster', string(raw, 'cluster', path)),
  };
}
