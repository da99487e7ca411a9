// Report input types: each host's measured demand over time, per resource, with its alerts.
import type { Resource } from '@hostplan/core';

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
