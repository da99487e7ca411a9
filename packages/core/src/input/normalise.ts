import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import { HOST_FIELDS, parseHost } from './host.js';
import { parseVm, VM_FIELDS } from './vm.js';

/**
 * Hosts and VMs as core's public functions take them: the same inputs the file parsers take.
 * An object whose quantities are all finite numbers is used as it is (a few `typeof` checks, no
 * copy); one with a unit string (`memoryGB: '32 GB'`), a numeric string or a compact NIC or disk
 * string is read by {@link parseHost} or {@link parseVm} once, at the entry, so an error names
 * the field it came in (`host.memoryGB`, `vms[3].diskGB`). Fields the parsers do not know (a
 * priced host's costs) are kept.
 */

const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const finiteOrAbsent = (x: unknown) => x === undefined || finite(x);

function hostIsNumeric(host: Host): boolean {
  if (!finite(host.sockets) || !finite(host.coresPerSocket) || !finite(host.clockGHz) || !finite(host.memoryGB) || !finiteOrAbsent(host.threadsPerCore)) return false;
  const { nics, storage } = host;
  if (nics !== undefined && (!Array.isArray(nics) || !nics.every((n) => finite(n.gbps) && finiteOrAbsent(n.ports)))) return false;
  if (storage === undefined) return true;
  if (typeof storage !== 'object' || !finiteOrAbsent(storage.iops) || !finiteOrAbsent(storage.capacityGB)) return false;
  return storage.disks === undefined || (Array.isArray(storage.disks) && storage.disks.every((d) => finite(d.count) && finite(d.iopsPerDisk) && finite(d.sizeGB) && finiteOrAbsent(d.readShare)));
}

function vmIsNumeric(vm: Vm): boolean {
  return finite(vm.vcpus) && finite(vm.memoryGB) && finiteOrAbsent(vm.diskGB) && finiteOrAbsent(vm.iops) && finiteOrAbsent(vm.networkMbps)
    && finiteOrAbsent(vm.cpuUtilization) && finiteOrAbsent(vm.cpuDemandGHz)
    && (vm.antiAffinity === undefined || Array.isArray(vm.antiAffinity)) && (vm.affinity === undefined || Array.isArray(vm.affinity));
}

function reparse<T extends object>(item: T, known: readonly string[], parse: (value: unknown, path: string) => T, path: string): T {
  const recognised = Object.fromEntries(Object.entries(item).filter(([k]) => known.includes(k)));
  return { ...item, ...parse(recognised, path) };
}

/** The host with its quantities as numbers in the model's units; throws a HostplanError at `path.field`. */
export function asHost(host: Host, path: string): Host {
  return hostIsNumeric(host) ? host : reparse(host, HOST_FIELDS, parseHost, path);
}

/** The VM with its quantities as numbers in the model's units; throws a HostplanError at `path.field`. */
export function asVm(vm: Vm, path: string): Vm {
  return vmIsNumeric(vm) ? vm : reparse(vm, VM_FIELDS, parseVm, path);
}

/** {@link asHost} for each host; the same array when none needed reading (or when it is no array: the caller's checks say so). */
export function asHosts(hosts: readonly Host[], path: string): readonly Host[] {
  return !Array.isArray(hosts) || hosts.every(hostIsNumeric) ? hosts : hosts.map((h, i) => asHost(h, `${path}[${i}]`));
}

/** {@link asVm} for each VM; the same array when none needed reading. */
export function asVms(vms: readonly Vm[], path: string): readonly Vm[] {
  return !Array.isArray(vms) || vms.every(vmIsNumeric) ? vms : vms.map((v, i) => asVm(v, `${path}[${i}]`));
}
