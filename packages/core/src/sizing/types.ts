import type { HostCostInputs, HostMonthlyCost, LicenceItem, QuoteLicensing, VmCost, CostShareOptions } from '../cost/index.js';
import type { FailoverResult, Replacer } from '../failover/types.js';
import type { Policy } from '../model/policy.js';
import type { Resource } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Assumption, Placement, Unplaced } from '../plan/types.js';
import type { HostLicensing } from './licenceFarm.js';

/** What-if changes to the inventory: VMs added or removed, and growth over a horizon. */
export interface WhatIf {
  readonly add?: readonly Vm[];
  /** Ids of VMs to leave out. */
  readonly remove?: readonly string[];
  /** Monthly growth of the VM count as a fraction (0.02 = 2 % a month, compounded). */
  readonly growthRate?: number;
  /** Months to look ahead for "when do we run out?". @defaultValue 36 */
  readonly horizonMonths?: number;
}

/** Options of `sizeFarm`. */
export interface SizingOptions {
  /** Host failures each cluster must survive, checked by re-placement. @defaultValue 1 */
  readonly failover?: number;
  /** Reserves, overcommit ratios and limits of the hosts. @defaultValue {@link POLICY_DEFAULTS} */
  readonly policy?: Policy;
  /** Purchase, financing and power costs per host. @defaultValue {@link HOST_COST_DEFAULTS} (listed in the assumptions) */
  readonly costs?: HostCostInputs;
  /**
   * Windows Server licensing per host, amortised like the purchase: each model licensed for
   * the most Windows guests any of its hosts runs, before or after a failure. Wins over
   * `costs.licencePrice`.
   * @defaultValue none: licences priced only through `costs.licencePrice`
   */
  readonly licensing?: QuoteLicensing;
  /** How the farm's cost is shared among VMs. @defaultValue dominant share */
  readonly costShare?: CostShareOptions;
  /** Also try pairs of models (the bulk of one, the rest of another). @defaultValue true */
  readonly mixed?: boolean;
  /** VMs added or removed and growth over a horizon, applied to the inventory before sizing. @defaultValue none: the inventory as given */
  readonly whatIf?: WhatIf;
  /** Failure sets per cluster before sampling (see `checkFailover`); a sampled cluster is not proven. @defaultValue 100000 */
  readonly maxScenarios?: number;
  /** @defaultValue 1 */
  readonly seed?: number;
  /** Packing and re-placement engine. @defaultValue `DEFAULT_REPLACE`: best fit, then `placeVms`, then failed hosts moved whole */
  readonly replace?: Replacer;
  /** Called after each host model is sized, for a progress bar: `done` of `total` models. @defaultValue none */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Hosts of one model in a sizing. */
export interface ModelCount {
  /** The catalog entry's id. */
  readonly model: string;
  /** The catalog entry's model text, when it differs from the id. */
  readonly description?: string;
  readonly hosts: number;
  readonly cost: HostMonthlyCost;
  /**
   * The licence bought per host of this model, when licensing is priced: for the most Windows
   * guests a host of the model runs before or after any failure set checked; `normal` is the
   * figure on the normal layout alone, for comparison.
   */
  readonly licensing?: {
    readonly windowsGuests: number; readonly total: number; readonly items: readonly LicenceItem[];
    readonly normal: { readonly windowsGuests: number; readonly total: number; readonly items: readonly LicenceItem[] };
  };
}

/** "When do we run out?" for one sizing. */
export interface Runway {
  readonly growthRate: number;
  readonly horizonMonths: number;
  /** First month at which the sized farm no longer holds the VMs with failover; null if it lasts the horizon. */
  readonly runsOutAtMonth: number | null;
  /** VM count each month from 0 to the horizon (or to running out). */
  readonly vmsByMonth: readonly number[];
  /** VMs at the horizon: ceil(n x (1 + rate)^months), Infinity when that overflows. */
  readonly vmsAtHorizon: number;
  /**
   * Hosts the grown inventory needs at the horizon (same models, same failover); null for a
   * mix of models, or when `vmsAtHorizon` is over 100,000 (not sized).
   */
  readonly hostsAtHorizon: number | null;
}

/** One sizing option: a host model (or a mix) and what it takes. */
export interface SizingOption {
  /** The catalog id, or `A + B` for a mix. */
  readonly name: string;
  readonly models: readonly ModelCount[];
  /** Hosts in all, failover spares included. */
  readonly hosts: number;
  /** Hosts the load needs without failover (packing). */
  readonly hostsForLoad: number;
  /** max over resources of ceil(total demand / host capacity), for a single model. */
  readonly lowerBound: number | null;
  readonly clusters: readonly { readonly id: string; readonly hosts: readonly string[] }[];
  readonly binding: Resource | null;
  /** Used / limit per resource over the whole farm (spares included). */
  readonly utilization: Readonly<Record<Resource, number>>;
  /** The failover check of the option's layout: verdict (`met` only when proven), how it was reached, coverage and warnings. */
  readonly failover: Pick<FailoverResult, 'k' | 'tolerates' | 'verdict' | 'proof' | 'coverage' | 'exhaustive' | 'binding' | 'warnings'> & { readonly scenarios: number };
  /** How the spares are kept in the layout checked: `passive` (k empty hosts per cluster) or `spread` (the load over every host). */
  readonly spares: 'passive' | 'spread';
  /** Per host, when licensing is priced: Windows guests and licence normally and in the worst failure set checked. */
  readonly licencesByHost?: readonly HostLicensing[];
  /** True when every VM is placed and failover holds (proven). */
  readonly feasible: boolean;
  /** VMs this option cannot run at all (platform rules or larger than a host), with reasons. */
  readonly unplaced: readonly Unplaced[];
  readonly costPerMonth: number;
  readonly costPerVmMonth: number | null;
  readonly vmCosts: readonly VmCost[];
  readonly placements: readonly Placement[];
  readonly runway: Runway | null;
}

/** The answer of `sizeFarm`: options cheapest first (infeasible ones last). */
export interface Sizing {
  readonly vms: number;
  readonly options: readonly SizingOption[];
  readonly assumptions: readonly Assumption[];
}
