// Report input types: what was measured: series statistics, bands, heatmaps, peak coincidence, exposure, rightsizing and growth.
import type { Resource } from '@hostplan/core';
import type { LooseVector } from './types.js';

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
