import { asResolved } from '../capacity/hostCapacity.js';
import { costAssumptions } from '../cost/costDefaults.js';
import type { PricedHost } from '../cost/costTypes.js';
import { invalid } from '../errors.js';
import { DEFAULT_REPLACE, FAILOVER_DEFAULTS } from '../failover/checkFailover.js';
import { guestOsAssumptions } from '../guest/guestOsAssumptions.js';
import { uniqueIds } from '../input/fields.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Vm } from '../model/vm.js';
import type { Assumption } from '../plan/types.js';
import { resolvePlatform } from '../platform/profiles.js';
import type { SizingContext } from './evaluateFarm.js';
import { runway } from './runway.js';
import { sizeMix, sizeModel, type SizedOption } from './sizeModel.js';
import type { Sizing, SizingOptions, SizingOption } from './types.js';
import { asVms } from '../input/normalise.js';

/** The sizing defaults, listed in every sizing's assumptions. */
export const SIZING_DEFAULTS = { failover: 1, mixed: true, horizonMonths: 36 } as const;

function applyWhatIf(vms: readonly Vm[], options: SizingOptions): Vm[] {
  const w = options.whatIf ?? {};
  const known = new Set(vms.map((v) => v.id));
  (w.remove ?? []).forEach((id, i) => { if (!known.has(id)) invalid(`whatIf.remove[${i}]`, 'the id of a VM in the inventory', id); });
  const removed = new Set(w.remove ?? []);
  const out = [...vms.filter((v) => !removed.has(v.id)), ...(w.add ?? [])];
  uniqueIds(out, 'vms (after whatIf.add)');
  return out;
}

const rank = (a: SizingOption, b: SizingOption) =>
  Number(b.feasible) - Number(a.feasible) || b.placements.length - a.placements.length || a.costPerMonth - b.costPerMonth || a.hosts - b.hosts || (a.name < b.name ? -1 : 1);

/**
 * Sizes a farm for an inventory from a catalog of host models: for each model the fewest hosts
 * that hold every VM, plus k spare hosts per cluster verified by re-placing every failure set,
 * with clusters, binding resource, utilisation, and total and per-VM monthly cost; with
 * `mixed`, the best pair of models on the same platform (one cluster runs one version) when it
 * beats every single model. Options come cheapest
 * first (infeasible ones last). What-if: `whatIf.add` / `whatIf.remove` change the inventory;
 * `whatIf.growthRate` answers "when do we run out?" over `horizonMonths`.
 * O(models^2 x hosts x failure sets x VMs).
 *
 * @example
 * const s = sizeFarm(catalog, vms, { failover: 1, costs: { pricePerKWh: 0.12 } });
 * s.options.map((o) => [o.name, o.hosts, Math.round(o.costPerMonth)]) // => [['R710', 5, 2058], ['DL380', 6, 2390]]
 */
export function sizeFarm(given: readonly PricedHost[], vms: readonly Vm[], options: SizingOptions = {}): Sizing {
  vms = asVms(vms, 'vms');
  if (!Array.isArray(given) || given.length === 0) invalid('catalog', 'at least one host model', given);
  // licences are looked up by host.model: an entry built without one (parseCatalog sets it) uses its id
  const catalog = given.map((e) => (e.host.model === undefined ? { ...e, host: { ...e.host, model: e.host.id } } : e));
  const k = options.failover ?? SIZING_DEFAULTS.failover;
  if (!Number.isInteger(k) || k < 0) invalid('failover', 'a whole number of host failures >= 0', k);
  for (const e of catalog) {
    const platform = resolvePlatform(e.host.platform ?? options.policy?.platform);
    if (k >= platform.maxClusterNodes) invalid('failover', `fewer host failures than the ${platform.maxClusterNodes} nodes a ${platform.name} cluster may have (model ${e.host.id})`, k);
  }
  const ctx: SizingContext = { policy: asResolved(options.policy), k, replace: options.replace ?? DEFAULT_REPLACE, options };
  const inventory = applyWhatIf(vms, options);
  const platformOf = (e: PricedHost) => resolvePlatform(e.host.platform ?? ctx.policy.platform).id;
  const singles = catalog.map((entry, i) => {
    const sized = sizeModel(entry, inventory, ctx);
    options.onProgress?.(i + 1, catalog.length);
    return { entry, sized };
  });
  const sized: SizedOption[] = singles.map((s) => s.sized);
  if ((options.mixed ?? SIZING_DEFAULTS.mixed) && catalog.length > 1) {
    const bestSingle = singles.map((s) => s.sized.option).filter((o) => o.feasible).sort(rank)[0];
    let bestMix: SizedOption | null = null;
    for (const a of singles) {
      if (!a.sized.option.feasible || a.sized.option.hostsForLoad < 2) continue;
      for (const b of catalog) {
        // a failover cluster runs one platform version: mix only models on the same platform
        if (b === a.entry || platformOf(b) !== platformOf(a.entry)) continue;
        const mix = sizeMix(a.entry, b, inventory, a.sized.option.hostsForLoad, ctx);
        if (mix && (!bestMix || mix.option.costPerMonth < bestMix.option.costPerMonth)) bestMix = mix;
      }
    }
    if (bestMix && (!bestSingle || bestMix.option.costPerMonth < bestSingle.costPerMonth)) sized.push(bestMix);
  }
  const w = options.whatIf;
  const withRunway = sized.map(({ option, spec, vms: fitted }) => {
    if (w?.growthRate === undefined || !option.feasible) return option;
    const single = spec.length === 1 ? spec[0]!.entry : null;
    return { ...option, runway: runway(spec, fitted, w.growthRate, w.horizonMonths ?? SIZING_DEFAULTS.horizonMonths, ctx, (grown) => (single ? sizeModel(single, grown, ctx).option.hosts : null)) };
  });
  const assumptions: Assumption[] = [
    { name: 'sizing.failover', value: k, unit: 'host failures per cluster', source: options.failover === undefined ? 'hostplan default: N+1' : 'input', isDefault: options.failover === undefined },
    { name: 'sizing.mixed', value: options.mixed ?? SIZING_DEFAULTS.mixed, source: options.mixed === undefined ? 'hostplan default' : 'input', isDefault: options.mixed === undefined },
    { name: 'sizing.packing', value: options.replace ? 'caller-supplied' : 'best fit decreasing, then placeVms when it strands VMs', source: 'hostplan', isDefault: options.replace === undefined },
    { name: 'failover.maxScenarios', value: options.maxScenarios ?? FAILOVER_DEFAULTS.maxScenarios, unit: 'failure sets per cluster', source: options.maxScenarios === undefined ? 'hostplan default' : 'input', isDefault: options.maxScenarios === undefined },
    { name: 'costShare', value: options.costShare?.weights ? { weights: options.costShare.weights } : 'dominant share', source: options.costShare ? 'input' : 'hostplan default', isDefault: options.costShare === undefined },
    ...(w ? [{ name: 'whatIf', value: { added: w.add?.length ?? 0, removed: w.remove?.length ?? 0, growthRate: w.growthRate ?? null, horizonMonths: w.growthRate === undefined ? null : w.horizonMonths ?? SIZING_DEFAULTS.horizonMonths }, source: 'input', isDefault: false }] : []),
    ...(options.licensing ? [{ name: 'licensing', value: { era: options.licensing.era, prices: options.licensing.prices, hostOs: options.licensing.hostOs ?? 'windows' }, unit: 'USD', source: 'input: each model licensed for the most Windows guests any of its hosts runs, before or after a failure', isDefault: false }] : []),
    ...costAssumptions(options.costs),
    ...policyAssumptions(options.policy ?? {}),
    // guests whose OS the table cannot read are licensed, and listed
    ...(options.licensing ? guestOsAssumptions(inventory).assumptions : []),
  ];
  return { vms: inventory.length, options: withRunway.sort(rank), assumptions };
}
