import { invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import { uniqueIds } from './fields.js';
import { parseHost } from './host.js';
import { parseVm } from './vm.js';

function list(doc: unknown, key: 'hosts' | 'vms', path: string): { items: unknown[]; path: string } {
  if (Array.isArray(doc)) return { items: doc, path };
  if (doc && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>)[key])) {
    return { items: (doc as Record<string, unknown[]>)[key]!, path: `${path}.${key}` };
  }
  invalid(path, `an array of ${key}, or an object { "${key}": [...] }`, doc);
}

/**
 * Reads hosts from a parsed JSON document: an array, or `{ "hosts": [...] }`. Ids must be unique.
 *
 * @example
 * parseHosts({ hosts: [{ id: 'h1', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32 }] }).length // => 1
 */
export function parseHosts(doc: unknown, path = 'hosts'): Host[] {
  const { items, path: p } = list(doc, 'hosts', path);
  const hosts = items.map((h, i) => parseHost(h, `${p}[${i}]`));
  uniqueIds(hosts, p);
  return hosts;
}

/**
 * Reads VMs from a parsed JSON document: an array, or `{ "vms": [...] }`. Ids must be unique.
 *
 * @example
 * parseVms([{ id: 'v1', vcpus: 1, memoryGB: 2 }]).length // => 1
 */
export function parseVms(doc: unknown, path = 'vms'): Vm[] {
  const { items, path: p } = list(doc, 'vms', path);
  const vms = items.map((v, i) => parseVm(v, `${p}[${i}]`));
  uniqueIds(vms, p);
  return vms;
}
