import type { SeriesKey } from '../series/types.js';
import { AlertRecords } from './alertRecords.js';

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

/**
 * Tracks breaches of one rule on one series, streaming. A run is a stretch of consecutive
 * present samples beyond the threshold; a sample within it, a time going back or a gap longer
 * than `maxGapMs` ends it. Its duration is last - first + the sampling interval (the latest
 * positive step between samples). Runs lasting at least `sustainMs` become alerts (the first
 * `maxAlerts` are kept; all are counted). O(1) per sample.
 *
 * @example
 * const t = new ThresholdTracker(rule, 0, 'path', 600_000, 100);
 * t.add(0, 95); t.add(60_000, 96); t.add(120_000, 10); t.finish();
 * t.alerts[0]!.durationMs // => 120000 (60 s apart + one 60 s interval)
 */
export class ThresholdTracker {
  totalMs = 0;
  runs = 0;
  alertCount = 0;
  private start = NaN;
  private last = NaN;
  private prev = NaN;
  private stepMs = 0;
  private count = 0;
  private sum = 0;
  private worst = NaN;
  /** Trackers of rules with this one's operator and value on the same series: they get its runs and are fed nothing themselves ({@link lead}). */
  private readonly followers: ThresholdTracker[] = [];
  /**
   * The kept alerts as numbers, {@link ALERT_FIELDS} per alert: objects and messages are built
   * only when {@link alerts} is read ({@link AlertRecords}).
   */
  private readonly kept = new AlertRecords();

  constructor(
    readonly rule: ThresholdRule,
    readonly series: number,
    readonly path: string,
    readonly maxGapMs: number,
    readonly maxAlerts: number,
  ) {}

  /**
   * Feeds sample `v` (in the rule's counter unit) taken at `t` (ms since the epoch, UTC): extends
   * the current run while `v` is beyond the threshold, else ends it (a missing value, NaN, ends
   * it too). Call {@link finish} after the last sample to close an open run.
   *
   * @example
   * const t = new ThresholdTracker({ ...rule, op: 'above', value: 90 }, 0, 'path', 600_000, 100);
   * t.add(0, 95); t.add(60_000, 10);
   * [t.runs, t.totalMs] // => [1, 60000] (one sample of one 60 s interval beyond 90)
   */
  add(t: number, v: number): void {
    const broken = !(t >= this.prev) || t - this.prev > this.maxGapMs;
    if (broken) this.close();
    else if (t > this.prev) this.stepMs = t - this.prev;
    this.prev = t;
    const beyond = this.rule.op === 'above' ? v > this.rule.value : v < this.rule.value;
    if (!beyond) return this.close();
    if (this.count === 0) {
      this.start = t;
      this.worst = v;
    } else if (this.rule.op === 'above' ? v > this.worst : v < this.worst) this.worst = v;
    this.last = t;
    this.count++;
    this.sum += v;
  }

  /** Adds the present samples `ts[i], vs[i]` for i in 0..count-1, as `count` {@link add} calls. */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    // add() with the hot state in locals; written back around close()
    const above = this.rule.op === 'above';
    const limit = this.rule.value;
    const maxGapMs = this.maxGapMs;
    let prev = this.prev;
    let stepMs = this.stepMs;
    let n = this.count;
    let sum = this.sum;
    let worst = this.worst;
    let start = this.start;
    let last = this.last;
    for (let k = 0; k < count; k++) {
      if (n === 0) {
        // no open run: a sample within the threshold only moves prev and the step, so skip to the next one beyond
        let j = k;
        if (above) while (j < count && !(vs[j]! > limit)) j++;
        else while (j < count && !(vs[j]! < limit)) j++;
        if (j > k) {
          stepMs = lastStep(ts, k, j, prev, stepMs, maxGapMs);
          prev = ts[j - 1]!;
          if ((k = j) === count) break;
        }
      }
      const t = ts[k]!;
      const v = vs[k]!;
      const broken = !(t >= prev) || t - prev > maxGapMs;
      if (!broken && t > prev) stepMs = t - prev;
      prev = t;
      const beyond = above ? v > limit : v < limit;
      if (broken || !beyond) {
        if (n > 0) {
          // close() sees the step add() would have set by then
          this.stepMs = stepMs;
          this.count = n;
          this.sum = sum;
          this.worst = worst;
          this.start = start;
          this.last = last;
          this.close();
          n = 0;
          sum = 0;
        }
        if (!beyond) continue;
      }
      if (n === 0) {
        start = t;
        worst = v;
      } else if (above ? v > worst : v < worst) worst = v;
      last = t;
      n++;
      sum += v;
    }
    this.prev = prev;
    this.stepMs = stepMs;
    this.count = n;
    this.sum = sum;
    this.worst = worst;
    this.start = start;
    this.last = last;
  }

  /**
   * Whether this tracker can give `other` its runs: same series, gap and maximum alerts, and a
   * rule with the same operator and value (the runs are the same; only the duration an alert
   * needs, and the names, differ).
   *
   * @example
   * new ThresholdTracker(rule, 0, 'p', 600_000, 100).canLead(new ThresholdTracker({ ...rule, sustainMs: 0 }, 0, 'p', 600_000, 100)) // => true
   */
  canLead(other: ThresholdTracker): boolean {
    return other.series === this.series && other.maxGapMs === this.maxGapMs && other.maxAlerts === this.maxAlerts && other.rule.op === this.rule.op && other.rule.value === this.rule.value;
  }

  /**
   * Gives `follower` ({@link canLead}, fed nothing yet) every run this tracker closes from now
   * on: it is then fed nothing itself, and its runs, time over and alerts are those it would
   * have had (the same arithmetic on the same run). One pass over the samples for both rules.
   *
   * @example
   * const warning = new ThresholdTracker({ ...rule, sustainMs: 0 }, 0, 'p', 600_000, 100);
   * const t = new ThresholdTracker(rule, 0, 'p', 600_000, 100);
   * t.lead(warning);
   * t.add(0, 95); t.add(60_000, 10); t.finish();
   * warning.runs // => 1
   */
  lead(follower: ThresholdTracker): void {
    this.followers.push(follower);
  }

  /** Closes the open run, if any (call at the end of the data). */
  finish(): void {
    this.close();
  }

  /**
   * The alerts kept so far (the first `maxAlerts` runs that lasted `sustainMs`), in the order
   * they closed. Built when read (and kept: a later read builds only the newer ones).
   */
  get alerts(): ThresholdAlert[] {
    return this.kept.read(this.rule, this.series, this.path);
  }

  private close(): void {
    if (this.count === 0) return;
    this.record(this);
    const followers = this.followers;
    for (let i = 0; i < followers.length; i++) followers[i]!.record(this);
    this.count = 0;
    this.sum = 0;
  }

  /**
   * Counts the run `run` holds open (its first and last sample times, the step, samples, sum and
   * worst value) against this tracker's rule. The run is read from the fields, not passed as
   * numbers: a call that is not inlined would box each double argument (tens of MB of garbage
   * on a long log whose values cross a threshold every few samples).
   */
  private record(run: ThresholdTracker): void {
    const { start, last, stepMs, count, sum, worst } = run;
    const durationMs = last - start + stepMs;
    this.runs++;
    this.totalMs += durationMs;
    if (durationMs < this.rule.sustainMs) return;
    if (this.alertCount++ >= this.maxAlerts) return;
    this.kept.push(start, last, durationMs, count, sum, worst);
  }
}

/**
 * The sampling step {@link ThresholdTracker.add} holds after samples `ts[from..to)` (from < to),
 * `prev` the time before them and `stepMs` the step then: the latest positive step within
 * `maxGapMs` that no time going back broke (looked for from the end).
 */
function lastStep(ts: Float64Array, from: number, to: number, prev: number, stepMs: number, maxGapMs: number): number {
  for (let i = to - 1; i >= from; i--) {
    const t = ts[i]!;
    const p = i > from ? ts[i - 1]! : prev;
    if (t >= p && t - p <= maxGapMs && t > p) return t - p;
  }
  return stepMs;
}
