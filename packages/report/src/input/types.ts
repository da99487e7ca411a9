// Report input types: ReportInput and the placement it shows; the other sections are typed in
// outcomeTypes, measurementTypes, timelineTypes and whatIfTypes, re-exported here by name.
import type { Assumption, Resource, ResourceVector } from '@hostplan/core';
import type { ReportMeasurements, RightsizingFinding, ReportGrowth } from './measurementTypes.js';
import type { ReportFailover, ReportSizing, ReportCosts, PriceLine } from './outcomeTypes.js';
import type { ReportTimelines } from './timelineTypes.js';
import type { ReportWhatIf } from './whatIfTypes.js';
export type { ReportFailover, ReportRunbook, ReportRunbookScenario, ReportSizing, CostCategory, SizingChoice, ReportCosts, PriceLine } from './outcomeTypes.js';
export type { ReportMeasurements, SeriesSummaryRow, BandSeries, BandPoint, HeatmapData, RightsizingFinding, ReportGrowth, ExposureRow } from './measurementTypes.js';
export type { ReportTimelines, HostTimeline, ResourceTimeline, TimelineAlert } from './timelineTypes.js';
export type { MeasuredField, ReportWhatIf } from './whatIfTypes.js';

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
