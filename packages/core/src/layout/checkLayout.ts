import { HostplanError, invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import type { Assumption } from '../plan/types.js';
import { placeVms } from '../placement/placeVms.js';
import { grownInventory, vmsAfter } from '../sizing/runway.js';
import { layoutProblems } from './layoutProblems.js';
import type { CheckLayoutOptions, LayoutCheck } from './types.js';

/**
 * Checks the farm that runs today without moving anything: every running VM stays on its host
 * (pinned), and {@link layoutProblems} lists what the layout breaks (a resource beyond a
 * host's limit, anti-affinity, platform rules, unavailable or unknown hosts). What-if options
 * change only what they must: `addHosts` adds empty hosts, `removeHosts` takes hosts out and
 * places their VMs on the rest, `growth` adds copies of the VMs (ceil(n x (1 + growth)) in
 * all), placed around the running ones; VMs in `vms` with no current host (and VMs on a host
 * not in `hosts`) are placed too. Feed `plan` to `failoverReport` for the failover check.
 * O(placeVms on the VMs to place, with the rest pinned).
 *
 * @example
 * const today = checkLayout(hosts, vms, placed);            // placed: { vm, host }[] from an import
 * today.fits                                                // => true
 * checkLayout(hosts, vms, placed, { removeHosts: ['hv07'] }).placedByWhatIf.length // => 21
 */
export function checkLayout(hosts: readonly Host[], vms: readonly Vm[], placed: readonly { readonly vm: Vm; readonly host: string }[], options: CheckLayoutOptions = {}): LayoutCheck {
  const removed = new Set(options.removeHosts ?? []);
  for (const [i, id] of (options.removeHosts ?? []).entries()) if (!hosts.some((h) => h.id === id)) invalid(`options.removeHosts[${i}]`, 'the id of a host in hosts', id);
  const growth = options.growth ?? 0;
  if (!(growth >= 0) || !Number.isFinite(growth)) invalid('options.growth', 'a fraction >= 0 (0.1 for 10 % more VMs)', growth);
  const kept = hosts.filter((h) => !removed.has(h.id));
  const byId = new Map(kept.map((h) => [h.id, h]));
  (options.addHosts ?? []).forEach((h, i) => {
    if (byId.has(h.id) || removed.has(h.id)) throw new HostplanError('duplicate-id', `options.addHosts[${i}].id`, `host ${JSON.stringify(h.id)} is already in hosts`);
    byId.set(h.id, h);
  });
  const farm = [...byId.values()];
  const hostOf = new Map(placed.map((p) => [p.vm.id, p.host]));
  const all = growth > 0 ? grownInventory(vms, vmsAfter(vms.length, growth, 1)) : [...vms];
  const pinned = all.flatMap((v) => {
    const host = hostOf.get(v.id);
    return host !== undefined && byId.has(host) && !byId.get(host)!.unavailable ? [{ vm: v.id, host }] : [];
  });
  const pinnedIds = new Set(pinned.map((p) => p.vm));
  // what runs today: problems of the layout before any what-if, on hosts not removed
  const running = placed.filter((p) => !removed.has(p.host));
  const problems = layoutProblems(farm, running, options.policy);
  const { addHosts: _a, removeHosts: _r, growth: _g, ...placeOptions } = options;
  const plan = placeVms(farm, all, { ...placeOptions, pinned, effort: 0 });
  const placedByWhatIf = plan.placements.filter((p) => !pinnedIds.has(p.vm));
  const assumptions: Assumption[] = [
    ...plan.assumptions,
    { name: 'layout.current', value: pinned.length, unit: 'VMs', source: 'input: each VM stays on the host it runs on today (nothing moves)', isDefault: false },
    { name: 'layout.removeHosts', value: [...removed], source: options.removeHosts === undefined ? 'hostplan default (none)' : 'input', isDefault: options.removeHosts === undefined },
    { name: 'layout.addHosts', value: (options.addHosts ?? []).map((h) => h.id), source: options.addHosts === undefined ? 'hostplan default (none)' : 'input', isDefault: options.addHosts === undefined },
    { name: 'layout.growth', value: growth, source: options.growth === undefined ? 'hostplan default (no growth)' : 'input: fraction more VMs, copies of the inventory', isDefault: options.growth === undefined },
  ];
  return { plan: { ...plan, assumptions }, problems, placedByWhatIf, vms: all, fits: problems.length === 0 && plan.unplaced.length === 0 };
}
