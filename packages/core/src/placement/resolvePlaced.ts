import { invalid } from '../errors.js';
import type { Vm } from '../model/vm.js';
import type { PlacedVm } from './types.js';

/**
 * Turns running VMs given in any {@link PlacedVm} shape into `{ vm, host }` pairs: a VM with
 * its host as it is, a placement `{ vm: id, host }` (as {@link placeVms} returns) with the VM
 * looked up in `vms`, a VM carrying a `host` field split into the VM and its host. Throws
 * `invalid-value` naming `path[i]` for an unknown VM id, a missing host or a VM listed twice.
 * O(placed + vms).
 *
 * @example
 * resolvePlacedVms([{ vm: 'web1', host: 'hv01' }], [web1])         // => [{ vm: web1, host: 'hv01' }]
 * resolvePlacedVms([{ ...web1, host: 'hv02' }])[0].host             // => 'hv02'
 */
export function resolvePlacedVms(placed: readonly PlacedVm[], vms: readonly Vm[] = [], path = 'options.placed'): { vm: Vm; host: string }[] {
  const byId = new Map(vms.map((v) => [v.id, v]));
  const seen = new Set<string>();
  return placed.map((p, i) => {
    const at = `${path}[${i}]`;
    if (typeof p.host !== 'string' || p.host === '') invalid(`${at}.host`, 'the id of the host the VM runs on', p.host);
    const given = (p as { vm?: unknown }).vm;
    let vm: Vm;
    if (typeof given === 'string') {
      const found = byId.get(given);
      if (!found) invalid(`${at}.vm`, 'the id of a VM in vms', given);
      vm = found;
    } else if (given !== null && typeof given === 'object') {
      vm = given as Vm;
    } else if ('id' in p && typeof p.id === 'string') {
      const { host: _host, ...rest } = p as Vm & { host: string };
      vm = rest;
    } else {
      invalid(at, 'a VM with a host field, { vm: VM, host } or { vm: id, host }', p);
    }
    if (seen.has(vm.id)) invalid(`${at}.vm`, 'a VM placed once', vm.id);
    seen.add(vm.id);
    return { vm, host: p.host };
  });
}
