import { invalid } from '../errors.js';
import { asResolved, hostCapacity } from '../capacity/hostCapacity.js';
import { vmsPerHost } from '../capacity/vmsPerHost.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Vm } from '../model/vm.js';
import type { Assumption } from '../plan/types.js';
import { cheapestLicensing } from './cheapestLicensing.js';
import { guestOsAssumptions } from '../guest/guestOsAssumptions.js';
import { costAssumptions } from './costDefaults.js';
import { quoteLineLicensing } from './quoteLicensing.js';
import { hostMonthlyCost } from './hostMonthlyCost.js';
import type { DensityPoint, PriceSheet, QuoteFarm, QuoteLine, QuoteOptions, VmPlan } from './quoteTypes.js';
import { formatMoneyAmount } from '../format/numbers.js';

const money = (x: number) => formatMoneyAmount(x);

/** The quote defaults, listed in every price sheet's assumptions. */
export const QUOTE_DEFAULTS = { margin: 0.35, fill: 1, spareHosts: 1, densitySteps: [0.25, 0.5, 0.75, 1], minSpareShareOfHosts: 0.05 } as const;

/**
 * A plan as a VM to size against a host (id = plan name).
 *
 * @example
 * planVm({ name: 'S', vcpus: 1, memoryGB: 2 }) // => { id: 'S', vcpus: 1, memoryGB: 2 }
 */
export function planVm(plan: VmPlan): Vm {
  return {
    id: plan.name, vcpus: plan.vcpus, memoryGB: plan.memoryGB,
    ...(plan.diskGB !== undefined && { diskGB: plan.diskGB }),
    ...(plan.cpuUtilization !== undefined && { cpuUtilization: plan.cpuUtilization }),
    ...(plan.iops !== undefined && { iops: plan.iops }),
    ...(plan.networkMbps !== undefined && { networkMbps: plan.networkMbps }),
    ...(plan.guestOS !== undefined && { guestOS: plan.guestOS }),
  };
}

function share(value: unknown, path: string, min: number, max: number, maxInclusive: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (maxInclusive ? value > max : value >= max)) {
    invalid(path, `a number in [${min}, ${max}${maxInclusive ? ']' : ')'}`, value);
  }
  return value;
}

/**
 * A price sheet for VM plans on one host model: for each plan, how many fit on a host (the
 * packing bound over every resource, times the fill assumed), the monthly cost per VM (the
 * host's monthly cost, spare hosts included, divided by the VMs it carries), the price at the
 * margin (price = cost / (1 - margin)), and how both move with density. Licences, when given,
 * are priced per host at the density assumed. O(plans x density steps).
 *
 * @example
 * // host at $411.58 a month holding 15 copies of M, 16-node clusters with 1 spare, margin 0.35:
 * // cost = 411.58 x 16 / (15 x 15) = 29.27; price = 29.27 / 0.65 = 45.03
 * quote([{ name: 'M', vcpus: 1, memoryGB: 2 }], { entry }, { margin: 0.35 }).lines[0].pricePerMonth // => 45.03...
 */
export function quote(plans: readonly VmPlan[], farm: QuoteFarm, options: QuoteOptions = {}): PriceSheet {
  const margin = share(options.margin ?? QUOTE_DEFAULTS.margin, 'quote.margin', 0, 1, false);
  const fill = share(options.fill ?? QUOTE_DEFAULTS.fill, 'quote.fill', 0, 1, true);
  if (fill === 0) invalid('quote.fill', 'a number in (0, 1]', fill);
  const steps = options.densitySteps ?? QUOTE_DEFAULTS.densitySteps;
  steps.forEach((s, i) => share(s, `quote.densitySteps[${i}]`, 0, 1, true));
  const policy = asResolved(farm.policy);
  const host = farm.entry.host;
  const platform = hostCapacity(host, policy).platform;
  const clusterSource = farm.hostsPerCluster !== undefined ? 'input' : farm.entry.clusterSize !== undefined ? 'catalog' : 'platform limit';
  const perCluster = farm.hostsPerCluster ?? farm.entry.clusterSize ?? platform.maxClusterNodes;
  const spare = farm.spareHosts ?? QUOTE_DEFAULTS.spareHosts;
  if (!Number.isInteger(perCluster) || perCluster < 1) invalid('farm.hostsPerCluster', 'a whole number >= 1', perCluster);
  if (!Number.isInteger(spare) || spare < 0 || spare >= perCluster) invalid('farm.spareHosts', `a whole number in [0, ${perCluster - 1}]`, spare);
  const spareFactor = perCluster / (perCluster - spare);
  const warnings: string[] = [];
  if (clusterSource === 'platform limit' && spare > 0) {
    warnings.push(`${host.id}: clusters of ${perCluster} hosts assumed (the ${platform.name} node limit), so ${spare} spare${spare === 1 ? " adds" : "s add"} only ${(100 * (spareFactor - 1)).toFixed(1)} % to the cost; give the cluster size you run (--cluster-size, or clusterSize in the catalog): 4-host clusters with 1 spare add 33.3 %`);
  } else if (spare > 0 && spare / perCluster < QUOTE_DEFAULTS.minSpareShareOfHosts) {
    warnings.push(`${host.id}: ${spare} spare${spare === 1 ? '' : 's'} in clusters of ${perCluster} hosts is ${(100 * spare / perCluster).toFixed(1)} % of the hosts, implausibly few for failover; check the cluster size`);
  }

  const atDensity = (plan: VmPlan, density: number) => {
    const licencePrice = farm.licensing
      ? cheapestLicensing({ era: farm.licensing.era, prices: farm.licensing.prices, sockets: host.sockets, coresPerSocket: host.coresPerSocket,
          vms: Array.from({ length: density }, () => ({ ...(plan.guestOS !== undefined && { guestOS: plan.guestOS }) })), ...(farm.licensing.hostOs && { hostOs: farm.licensing.hostOs }) }).total
      : farm.costs?.licencePrice;
    const hostCost = hostMonthlyCost(farm.entry, { ...farm.costs, ...(licencePrice !== undefined && { licencePrice }) });
    const cost = (hostCost.total * spareFactor) / density;
    return { hostCost, cost, price: cost / (1 - margin) };
  };

  const lines: QuoteLine[] = plans.map((plan, i) => {
    if (!plan || typeof plan.name !== 'string') invalid(`plans[${i}].name`, 'a plan name', plan?.name);
    const fit = vmsPerHost(host, planVm(plan), policy);
    const max = Number.isFinite(fit.count) ? fit.count : 0;
    if (max === 0) {
      return { plan: plan.name, maxVmsPerHost: 0, vmsPerHost: 0, binding: fit.binding, violations: fit.violations, costPerMonth: null, pricePerMonth: null, hostCost: null, byDensity: [],
        rule: fit.violations.length ? fit.violations.map((v) => v.message).join('; ') : `no copy fits on a ${host.id} (bound by ${fit.binding})` };
    }
    const density = Math.max(1, Math.floor(max * fill));
    const at = atDensity(plan, density);
    const densities = [...new Set(steps.map((s) => Math.max(1, Math.floor(max * s))))].sort((a, b) => a - b);
    const byDensity: DensityPoint[] = densities.map((n) => {
      const x = atDensity(plan, n);
      return { vmsPerHost: n, costPerMonth: x.cost, pricePerMonth: x.price };
    });
    return {
      plan: plan.name, maxVmsPerHost: max, vmsPerHost: density, binding: fit.binding, violations: [], costPerMonth: at.cost, pricePerMonth: at.price, hostCost: at.hostCost, byDensity,
      ...(farm.licensing && { licensing: quoteLineLicensing(plan, density, farm)! }),
      rule: `${money(at.hostCost.total)} per host x ${perCluster} / ${perCluster - spare} hosts (spares) / ${density} VMs per host (${max} fit, bound by ${fit.binding}${fill < 1 ? `, x fill ${fill}` : ''}) = ${money(at.cost)}; / (1 - ${margin}) = ${money(at.price)}`,
    };
  });
  const assumptions: Assumption[] = [
    { name: 'quote.margin', value: margin, unit: 'share of price', source: options.margin === undefined ? 'hostplan default' : 'input', isDefault: options.margin === undefined },
    { name: 'quote.minSpareShareOfHosts', value: QUOTE_DEFAULTS.minSpareShareOfHosts, unit: 'share of hosts', source: 'hostplan, unverified: below this, spares look too few for failover and a warning is given', isDefault: true },
    { name: 'quote.fill', value: fill, unit: 'share of VMs per host bound', source: options.fill === undefined ? 'hostplan default: sell up to the packing bound (reserves already held back)' : 'input', isDefault: options.fill === undefined },
    { name: 'farm.hostsPerCluster', value: perCluster, unit: 'hosts', source: clusterSource === 'input' ? 'input' : clusterSource === 'catalog' ? 'catalog: clusterSize' : `hostplan default: the ${platform.name} cluster node limit (few farms run clusters this large)`, isDefault: clusterSource === 'platform limit' },
    { name: 'farm.spareHosts', value: spare, unit: 'hosts per cluster', source: farm.spareHosts === undefined ? 'hostplan default: N+1' : 'input', isDefault: farm.spareHosts === undefined },
    ...(farm.licensing ? [{ name: 'licensing.prices', value: farm.licensing.prices, unit: 'USD', source: 'input', isDefault: false }] : []),
    ...(farm.licensing ? guestOsAssumptions(plans).assumptions : []),
    ...costAssumptions(farm.costs),
    ...policyAssumptions(farm.policy ?? {}),
  ];
  const h = farm.entry.host;
  return { model: h.id, ...(h.model !== undefined && h.model !== h.id && { description: h.model }), margin,
    cluster: { hostsPerCluster: perCluster, spareHosts: spare, source: clusterSource }, spareShare: spareFactor - 1, warnings, lines, assumptions };
}
