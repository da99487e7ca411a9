import type { SeriesKey } from '../series/types.js';

// The threshold rules, which series they apply to and what they report; the trackers of their breaches are in thresholds.ts.

/** A threshold on one counter: `op` the value for at least `sustainMs` raises an alert. */
export interface ThresholdRule {
  /** Stable id, e.g. `host-lp-sustained`. */
  readonly id: string;
  /** Perfmon object (English name), compared case-insensitively. */
  readonly object: string;
  /** Counter (English name), compared case-insensitively. */
  readonly counter: string;
  /**
   * Which instances: `*` any (the default), `!_Total` any but `_Total`, or an exact name
   * (case-insensitive).
   */
  readonly instance?: string;
  readonly op: 'above' | 'below';
  /** In the counter's own unit (% for run time, MB for Available MBytes, seconds for latency). */
  readonly value: number;
  /** How long the condition must hold (consecutive present samples). 0: any breach. */
  readonly sustainMs: number;
  readonly severity: 'warning' | 'critical';
  /** Where the figure comes from. */
  readonly source: string;
}

/**
 * Default thresholds, from domain.md section 7: Microsoft field guidance for Hyper-V hosts
 * and PAL's Hyper-V threshold files. Override or extend with `StatsOptions.thresholds`.
 */
export const DEFAULT_THRESHOLDS: readonly ThresholdRule[] = Object.freeze([
  { id: 'host-lp-sustained', object: 'Hyper-V Hypervisor Logical Processor', counter: '% Total Run Time', instance: '_Total', op: 'above', value: 50, sustainMs: 300_000, severity: 'warning', source: 'Microsoft field guidance: host LP total run time above 50 % sustained over 5 minutes' },
  { id: 'host-lp-pal-warning', object: 'Hyper-V Hypervisor Logical Processor', counter: '% Total Run Time', instance: '_Total', op: 'above', value: 75, sustainMs: 0, severity: 'warning', source: 'PAL Hyper-V thresholds: warning above 75 %' },
  { id: 'host-lp-pal-critical', object: 'Hyper-V Hypervisor Logical Processor', counter: '% Total Run Time', instance: '_Total', op: 'above', value: 90, sustainMs: 0, severity: 'critical', source: 'PAL Hyper-V thresholds: critical above 90 % (tuning guide: overloaded)' },
  { id: 'vm-vp-sustained', object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: '!_Total', op: 'above', value: 75, sustainMs: 600_000, severity: 'warning', source: 'Microsoft field guidance: VM guest run time above 75 % sustained over 10 minutes' },
  { id: 'vm-vp-pal-warning', object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: '!_Total', op: 'above', value: 75, sustainMs: 0, severity: 'warning', source: 'PAL Hyper-V thresholds: warning above 75 %' },
  { id: 'vm-vp-pal-critical', object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: '!_Total', op: 'above', value: 90, sustainMs: 0, severity: 'critical', source: 'PAL Hyper-V thresholds: critical above 90 %' },
  { id: 'vm-memory-pressure', object: 'Hyper-V Dynamic Memory VM', counter: 'Average Pressure', instance: '*', op: 'above', value: 85, sustainMs: 60_000, severity: 'warning', source: 'Microsoft field guidance: Dynamic Memory average pressure above 85 % for 1 minute' },
  { id: 'host-available-memory', object: 'Memory', counter: 'Available MBytes', instance: '*', op: 'below', value: 2048, sustainMs: 0, severity: 'warning', source: 'Microsoft field guidance: available memory under 2 GB' },
  { id: 'disk-latency', object: 'PhysicalDisk', counter: 'Avg. Disk sec/Transfer', instance: '*', op: 'above', value: 0.015, sustainMs: 0, severity: 'warning', source: 'Microsoft field guidance: disk latency above 15 ms' },
  { id: 'logical-disk-latency', object: 'LogicalDisk', counter: 'Avg. Disk sec/Transfer', instance: '*', op: 'above', value: 0.015, sustainMs: 0, severity: 'warning', source: 'Microsoft field guidance: disk latency above 15 ms' },
] satisfies ThresholdRule[]);

/**
 * Whether a rule applies to a series (object and counter case-insensitive; instance pattern
 * `*`, `!_Total` or an exact name). Keys should be in English: translate localised names first.
 *
 * @example
 * thresholdMatches(DEFAULT_THRESHOLDS[0]!, { host: 'h', object: 'Hyper-V Hypervisor Logical Processor', instance: '_Total', counter: '% Total Run Time', path: '' }) // => true
 */
export function thresholdMatches(rule: ThresholdRule, key: SeriesKey): boolean {
  if (rule.object.toLowerCase() !== key.object.toLowerCase() || rule.counter.toLowerCase() !== key.counter.toLowerCase()) return false;
  const pattern = rule.instance ?? '*';
  if (pattern === '*') return true;
  const inst = (key.instance ?? '').toLowerCase();
  if (pattern.startsWith('!')) return inst !== pattern.slice(1).toLowerCase();
  return inst === pattern.toLowerCase();
}

/** One stretch of time a series spent beyond a threshold for at least the rule's duration. */
export interface ThresholdAlert {
  readonly rule: string;
  readonly severity: 'warning' | 'critical';
  /** Index of the series in the statistics result. */
  readonly series: number;
  readonly path: string;
  readonly op: 'above' | 'below';
  readonly threshold: number;
  readonly startMs: number;
  readonly endMs: number;
  /** end - start + one sampling interval (each sample stands for one interval). */
  readonly durationMs: number;
  readonly samples: number;
  /** Highest value for `above`, lowest for `below`. */
  readonly worst: number;
  readonly mean: number;
  readonly message: string;
}

/** Time one series spent beyond one rule's threshold, over all runs (sustained or not). */
export interface TimeOver {
  readonly rule: string;
  readonly ms: number;
  readonly runs: number;
  readonly alerts: number;
}
