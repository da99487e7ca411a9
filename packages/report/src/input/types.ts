import type { Assumption, Host, PlacementGoal, Policy, Resource, ResourceVector, Vm } from '@hostplan/core';

/**
 * What a report is made from. Every section is optional: the HTML report shows a section only
 * when its data is here. The shapes are deliberately loose (partial resource vectors, plain
 * strings for reasons) so that core's `PlacementPlan` and the other modules' results fit as they
 * are, and files written by other commands can be adapted with a thin layer (see `fromJson.ts`).
 */
export interface ReportInput {
  /** Title at the top of the HTML report. @defaultValue `'Capacity plan'` */
  readonly title?: string;
  /** When the inputs were produced, as ISO 8601 text; rendering reads no clock. */
  readonly generatedAt?: string;
  readonly plan?: ReportPlan;
  /** Size and group of each VM, for the placement map and the CSV. */
  readonly vms?: readonly ReportVm[];
  readonly failover?: ReportFailover;
  readonly sizing?: ReportSizing;
  readonly costs?: ReportCosts;
  readonly priceSheet?: readonly PriceLine[];
  readonly measurements?: ReportMeasurements;
  /** Idle, oversized and powered-off VMs with a suggested size. */
  readonly rightsizing?: readonly RightsizingFinding[];
  readonly growth?: ReportGrowth;
  /** Measured demand over time per host of the plan (time charts, farm heatmap, runway). */
  readonly timelines?: ReportTimelines;
  /** What the page needs to re-plan in the browser (the what-if controls); none: a static page. */
  readonly whatIf?: ReportWhatIf;
  /** Every default and input that shaped the numbers (merged with the plan's own). */
  readonly assumptions?: readonly Assumption[];
}

/** A partial resource vector: absent resources are not shown. */
export type LooseVector = Partial<Readonly<ResourceVector>>;

/** A reason in any of core's shapes: only `message` is required. */
export interface ReportReason {
  readonly kind?: string;
  readonly host?: string;
  readonly message: string;
}

/** A placement plan; core's `PlacementPlan` is assignable to it. */
export interface ReportPlan {
  readonly placements: readonly { readonly vm: string; readonly host: string }[];
  readonly unplaced: readonly { readonly vm: string; readonly reasons: readonly ReportReason[] }[];
  readonly hosts: readonly ReportHost[];
  readonly summary?: {
    readonly hostsUsed?: number;
    readonly lowerBound?: number;
    readonly vmsPlaced?: number;
    readonly vmsUnplaced?: number;
    readonly binding?: Resource | null;
  };
  readonly assumptions?: readonly Assumption[];
}

/** Use of one host; core's `HostUse` is assignable to it. */
export interface ReportHost {
  readonly id: string;
  readonly model?: string;
  /** Demand placed on the host, overhead included. */
  readonly used: LooseVector;
  /** What placement may use: after reserves and the target utilisation ceiling. */
  readonly capacity: LooseVector;
  /** Before reserves and ceilings (core's `HostCapacity.total`); draws the reserve line. */
  readonly total?: LooseVector;
  /** Held back by reserves (core's `HostCapacity.reserved`). */
  readonly reserved?: LooseVector;
  readonly binding?: Resource | null;
  readonly vms?: readonly string[];
}

/** One VM as the placement map and the CSV see it. */
export interface ReportVm {
  readonly id: string;
  /** Anti-affinity group, service or tenant: colours the placement map. */
  readonly group?: string;
  readonly size?: LooseVector;
  /** What the VM needs of its host (core's `vmDemand`, overhead included); the placement table falls back to `size`. */
  readonly demand?: LooseVector;
}

/** The answer of the failover check. */
export interface ReportFailover {
  /** Host failures the plan survives (k). */
  readonly toleratedFailures: number;
  /** Host failures the policy asks for. */
  readonly requiredFailures?: number;
  readonly met: boolean;
  /** The failure set that leaves the least headroom. */
  readonly worstScenario?: {
    readonly failedHosts: readonly string[];
    readonly binding?: Resource | null;
    readonly description?: string;
  } | null;
  /** Headroom per surviving host after the worst failure set's VMs are re-placed. */
  readonly headroom?: readonly { readonly host: string; readonly free: LooseVector; readonly capacity: LooseVector }[];
  /** VMs that would not restart anywhere in the worst scenario. */
  readonly notRestarted?: readonly { readonly vm: string; readonly reasons?: readonly ReportReason[] }[];
  /** `met` (proven), `not met` or `not proven` (failure sets left unchecked). */
  readonly verdict?: 'met' | 'not met' | 'not proven';
  /** How the verdict was reached, in words. */
  readonly proof?: string;
  /** Failure sets re-placed / in all. */
  readonly coverage?: { readonly checked: number; readonly total: number };
  readonly warnings?: readonly string[];
  /** Where each displaced VM restarts, per failure set, worst first (core's `failoverRunbook`). */
  readonly runbook?: ReportRunbook;
}

/** Failure sets as an operator follows them: the worst first, possibly capped (`note` says so). */
export interface ReportRunbook {
  /** Failure sets checked in all. */
  readonly total: number;
  readonly note?: string | null;
  readonly scenarios: readonly ReportRunbookScenario[];
}

/** One failure set: each displaced VM, the host it ran on and where it restarts, and what would not restart and why. */
export interface ReportRunbookScenario {
  readonly cluster?: string;
  readonly failed: readonly string[];
  readonly placements: readonly { readonly vm: string; readonly from?: string; readonly host: string }[];
  readonly unplaced: readonly { readonly vm: string; readonly from?: string; readonly reasons?: readonly ReportReason[] }[];
}

/** How many hosts of which model the demand needs. */
export interface ReportSizing {
  readonly hostsNeeded: number;
  readonly hostModel?: string;
  readonly binding?: Resource | null;
  /** max over resources of ceil(total demand / host capacity). */
  readonly lowerBound?: number;
  /** Spare hosts added for failover, included in `hostsNeeded`. */
  readonly spareHosts?: number;
  /** Alternatives considered, cheapest first. */
  readonly options?: readonly SizingChoice[];
}

/** Cost categories the report knows; others are shown as written. */
export type CostCategory = 'hardware' | 'licences' | 'power' | 'rack' | 'administration' | (string & {});

/** One host model (or mix) as sized for the same VMs. */
export interface SizingChoice {
  readonly model: string;
  readonly hosts: number;
  readonly costPerMonth?: number;
  /** Cost per VM per month; null when no VM is placed. */
  readonly costPerVm?: number | null;
  /** The resource that runs out first on this model. */
  readonly binding?: Resource | null;
  /** Use of the binding resource across the farm, 0..1. */
  readonly bindingShare?: number;
  /** Runs every VM and holds failover. @defaultValue true */
  readonly feasible?: boolean;
  readonly note?: string;
}

/** What the farm costs, per category. */
export interface ReportCosts {
  /** ISO 4217 code or symbol. @defaultValue `'USD'` */
  readonly currency?: string;
  /** Every amount is per this period. @defaultValue `'month'` */
  readonly period?: 'month' | 'year';
  readonly lines: readonly { readonly category: CostCategory; readonly amount: number; readonly note?: string }[];
  /** VMs the cost is shared by; cost per VM = total / vmCount. */
  readonly vmCount?: number;
}

/** One line of the price sheet every cost figure comes from. */
export interface PriceLine {
  readonly item: string;
  readonly unit: string;
  readonly unitPrice: number;
  readonly currency?: string;
  readonly quantity?: number;
  readonly source?: string;
}

/** Statistics over measured series (bench). */
export interface ReportMeasurements {
  /** Per series: percentiles, coverage and confidence. */
  readonly summaries?: readonly SeriesSummaryRow[];
  /** Utilisation over time with percentile bands. */
  readonly timeSeries?: readonly BandSeries[];
  /** Time of day by day of week. */
  readonly heatmaps?: readonly HeatmapData[];
  /** Distributions of a measured value (raw values; binned when drawn). */
  readonly distributions?: readonly { readonly name: string; readonly unit: string; readonly values: readonly number[] }[];
  /** Sum of each VM's peak versus the peak of the summed series, per host. */
  readonly peakCoincidence?: readonly { readonly host: string; readonly unit: string; readonly sumOfPeaks: number; readonly peakOfSum: number }[];
  /**
   * Per host and measured resource: the share of the measured time the host's summed demand is
   * over its limit and the worst overshoot (shares; core's `measuredExposure`, flattened).
   */
  readonly exposure?: readonly ExposureRow[];
  /** Alerts raised from the measurements (thresholds crossed, gaps, clock problems). */
  readonly alerts?: readonly { readonly severity: 'info' | 'warning' | 'critical'; readonly subject: string; readonly message: string }[];
}

/** One measured series, summarised. */
export interface SeriesSummaryRow {
  readonly name: string;
  readonly unit: string;
  readonly count: number;
  /** Share of expected samples present, 0..1. */
  readonly coverage?: number;
  /** 1..5 stars from coverage (Azure Migrate's scale). */
  readonly confidenceStars?: number;
  readonly mean?: number;
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
  readonly max?: number;
}

/** A series over time, each point a window summarised by percentiles. */
export interface BandSeries {
  readonly name: string;
  readonly unit: string;
  readonly points: readonly BandPoint[];
  readonly thresholds?: readonly { readonly label: string; readonly value: number }[];
}

/** One time window: percentiles of the samples in it. */
export interface BandPoint {
  /** Window start, UTC epoch milliseconds. */
  readonly timestampMs: number;
  readonly p50: number;
  readonly p5?: number;
  readonly p25?: number;
  readonly p75?: number;
  readonly p95?: number;
  readonly max?: number;
}

/** Values by day of week (0 = Monday) and hour of day (0..23, UTC unless the name says). */
export interface HeatmapData {
  readonly name: string;
  readonly unit: string;
  readonly cells: readonly { readonly day: number; readonly hour: number; readonly value: number }[];
}

/** A VM that could give capacity back. */
export interface RightsizingFinding {
  readonly vm: string;
  readonly kind: 'idle' | 'oversized' | 'powered-off' | 'undersized';
  readonly current: LooseVector;
  readonly suggested: LooseVector;
  /** The figures behind the finding, e.g. `p95 CPU 3 % of 8 vCPUs over 30 days`. */
  readonly evidence: string;
}

/** Growth of demand and when capacity runs out. */
export interface ReportGrowth {
  readonly resource: Resource;
  readonly unit: string;
  /** Observed and projected totals, by month start (UTC epoch ms). */
  readonly history: readonly { readonly timestampMs: number; readonly used: number }[];
  readonly projection?: readonly { readonly timestampMs: number; readonly used: number }[];
  readonly capacity: number;
  /** Growth per month as a share, e.g. 0.02 for 2 %. */
  readonly monthlyGrowth?: number;
  /** Days until demand reaches capacity; null when it never does within the projection. */
  readonly daysRemaining: number | null;
  /** Warn below this many days. @defaultValue 120 */
  readonly warningDays?: number;
}

/**
 * Demand over time per host of the plan, on one time grid: bucket `i` starts at
 * `startMs + i x stepMs`. Values are in the model's units (GHz, MB), as the plan's hosts are.
 */
export interface ReportTimelines {
  /** Start of the first bucket, UTC epoch ms. */
  readonly startMs: number;
  /** Length of one bucket in ms (each value is the mean over it). */
  readonly stepMs: number;
  readonly hosts: readonly HostTimeline[];
  /** How the values were built, shown under the charts. */
  readonly note?: string;
}

/** One host's demand over time, per resource, and the alerts raised on it. */
export interface HostTimeline {
  readonly host: string;
  readonly resources: readonly ResourceTimeline[];
  readonly alerts?: readonly TimelineAlert[];
  /** VMs on the host whose demand was measured over time (the rest are constant). */
  readonly measuredVms?: number;
  readonly vms?: number;
}

/** Demand of one resource on one host over time, with the host's limit and target. */
export interface ResourceTimeline {
  readonly resource: Resource;
  /** Demand per bucket in the model's unit; null where nothing was measured. */
  readonly values: readonly (number | null)[];
  /** What placement may use: after reserves and the target utilisation ceiling. */
  readonly target: number;
  /** After reserves, before the target ceiling. @defaultValue `target` */
  readonly limit?: number;
}

/** An alert on a time range (a threshold crossed). */
export interface TimelineAlert {
  /** The resource it concerns: marked on that resource's chart only. @defaultValue every chart of the host */
  readonly resource?: Resource;
  readonly startMs: number;
  readonly endMs: number;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly label: string;
}

/** A measured figure of a VM, which the comfort factor multiplies. */
export type MeasuredField = 'cpuDemandGHz' | 'cpuUtilization' | 'memoryGB' | 'iops' | 'networkMbps';

/**
 * The inputs of the plan, as core takes them, so that the page re-plans with the same core:
 * same inputs, same answer as the command that wrote it.
 */
export interface ReportWhatIf {
  readonly hosts: readonly Host[];
  /** The VMs as planned (measured ones at percentile x comfort factor). */
  readonly vms: readonly Vm[];
  readonly policy: Policy;
  /** @defaultValue `'consolidate'` */
  readonly goal?: PlacementGoal;
  /** Host failures checked by the command (0: none). */
  readonly failover: number;
  /** Comfort factor the measured VMs were sized with. @defaultValue 1 */
  readonly comfortFactor?: number;
  /** Per measured VM, the figures that came from measurements (the comfort factor scales them). */
  readonly measured?: readonly { readonly id: string; readonly fields: readonly MeasuredField[] }[];
  /** Cost of one host per month, for the price per VM at a margin; none: the margin control is off. */
  readonly costPerHostMonth?: number;
  /** @defaultValue `'USD'` */
  readonly currency?: string;
  /** Margin of the price, price = cost / (1 - margin). @defaultValue 0.35 (core's quote default) */
  readonly margin?: number;
}

/** One host and resource of a plan's exposure to its measurements (plain data). */
export interface ExposureRow {
  readonly host: string;
  readonly resource: string;
  readonly unit: string;
  /** The host's limit after reserves. */
  readonly limit: number;
  /** Buckets measured on every profiled VM of the host. */
  readonly points: number;
  /** Share of those buckets over the limit; null without any. */
  readonly overShare: number | null;
  /** (peak - limit) / limit, 0 when never over; null without any. */
  readonly worstOvershoot: number | null;
}
