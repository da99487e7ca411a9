import type { Resource } from '../model/resources.js';
import type { Policy } from '../model/policy.js';
import type { Assumption } from '../plan/types.js';
import type { Violation } from '../capacity/types.js';
import type { HostCostInputs, HostMonthlyCost, PricedHost } from './costTypes.js';
import type { HostOs, LicensingEra, Prices2008, Prices2016 } from './licensingTypes.js';
import type { QuoteLineLicensing } from './quoteLicensing.js';

/** A VM plan sold at a fixed size (e.g. S, M, L). Load fields default like a new VM's. */
export interface VmPlan {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGB: number;
  readonly diskGB?: number;
  /** Share of its vCPUs the plan is expected to keep busy. @defaultValue policy.newVm.cpuUtilization */
  readonly cpuUtilization?: number;
  readonly iops?: number;
  readonly networkMbps?: number;
  /** Guest OS, for licensing: Linux plans need no Windows licence. */
  readonly guestOS?: string;
}

/** Licensing applied per host at the density assumed. */
export interface QuoteLicensing {
  readonly era: LicensingEra;
  readonly prices: Prices2008 | Prices2016;
  readonly hostOs?: HostOs;
}

/** The farm a quote is priced on: one host model, its costs, and how many hosts are held spare. */
export interface QuoteFarm {
  readonly entry: PricedHost;
  readonly costs?: HostCostInputs;
  readonly policy?: Policy;
  /** Hosts per cluster. @defaultValue the catalog entry's `clusterSize`, else the platform's cluster node limit */
  readonly hostsPerCluster?: number;
  /** Spare hosts per cluster for failover, whose cost the sold VMs carry. @defaultValue 1 */
  readonly spareHosts?: number;
  readonly licensing?: QuoteLicensing;
}

/** Options of `quote`. */
export interface QuoteOptions {
  /** Gross margin: price = cost / (1 - margin). @defaultValue 0.35 */
  readonly margin?: number;
  /** Share of the packing bound (VMs per host) assumed sold. @defaultValue 1 */
  readonly fill?: number;
  /** Densities (as shares of the bound) for the sensitivity table. @defaultValue [0.25, 0.5, 0.75, 1] */
  readonly densitySteps?: readonly number[];
}

/** Cost and price of a plan at one density. */
export interface DensityPoint {
  readonly vmsPerHost: number;
  readonly costPerMonth: number;
  readonly pricePerMonth: number;
}

/** One line of a price sheet. */
export interface QuoteLine {
  readonly plan: string;
  /** The packing bound: copies of the plan one host holds; 0 when a platform rule forbids it. */
  readonly maxVmsPerHost: number;
  /** The density assumed: floor(bound x fill), at least 1 when the plan fits at all. */
  readonly vmsPerHost: number;
  readonly binding: Resource | null;
  readonly violations: readonly Violation[];
  /** Null when the plan fits no host of this model. */
  readonly costPerMonth: number | null;
  readonly pricePerMonth: number | null;
  readonly hostCost: HostMonthlyCost | null;
  /** How cost and price move with density. */
  readonly byDensity: readonly DensityPoint[];
  /** The arithmetic, in words. */
  readonly rule: string;
  /** Licences per host normally and after a failure, when licensing is priced. */
  readonly licensing?: QuoteLineLicensing;
}

/** The answer of `quote`. */
export interface PriceSheet {
  /** The catalog entry's id. */
  readonly model: string;
  /** The catalog entry's model text, when it differs from the id. */
  readonly description?: string;
  readonly margin: number;
  /** Hosts per cluster the spares are shared by, and where the figure comes from. */
  readonly cluster: { readonly hostsPerCluster: number; readonly spareHosts: number; readonly source: 'input' | 'catalog' | 'platform limit' };
  /** Share of the cost the spares add: spare / (hosts per cluster - spare). */
  readonly spareShare: number;
  /** E.g. the cluster size defaulted to the platform's limit, or spares below 5 % of the hosts. */
  readonly warnings: readonly string[];
  readonly lines: readonly QuoteLine[];
  readonly assumptions: readonly Assumption[];
}
