import type { ThresholdAlert, ThresholdRule } from './thresholdRules.js';
import { AlertRecords } from './alertRecords.js';

export { DEFAULT_THRESHOLDS, thresholdMatches, type ThresholdAlert, type ThresholdRule, type TimeOver } from './thresholdRules.js';

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
   * Whether this tracker and `inner` can be fed together by {@link addAllPaired}: same series,
   * gap and operator, and `inner`'s threshold beyond this one's (above: higher, below: lower),
   * so that a sample beyond `inner`'s is beyond this one's too.
   *
   * @example
   * new ThresholdTracker({ ...rule, op: 'above', value: 75 }, 0, 'p', 600_000, 100).canPair(new ThresholdTracker({ ...rule, op: 'above', value: 90 }, 0, 'p', 600_000, 100)) // => true
   */
  canPair(inner: ThresholdTracker): boolean {
    const op = this.rule.op;
    const nested = op === 'above' ? inner.rule.value > this.rule.value : inner.rule.value < this.rule.value;
    return nested && inner.series === this.series && inner.maxGapMs === this.maxGapMs && inner.rule.op === op;
  }

  /**
   * {@link addAll} for this tracker and `inner` ({@link canPair}) in one pass over the samples:
   * the time checks once per sample for both, and `inner`'s runs, which lie within this one's,
   * looked at only while this one's is open. Each tracker ends with what its own addAll gives.
   * Its length is the two trackers' add() side by side, in locals.
   *
   * @example
   * const warning = new ThresholdTracker({ ...rule, op: 'above', value: 75 }, 0, 'p', 600_000, 100);
   * const critical = new ThresholdTracker({ ...rule, op: 'above', value: 90 }, 0, 'p', 600_000, 100);
   * warning.addAllPaired(critical, Float64Array.of(0, 60_000, 120_000), Float64Array.of(80, 95, 10), 3);
   * [warning.runs, critical.runs, warning.totalMs, critical.totalMs] // => [1, 1, 120000, 60000]
   */
  addAllPaired(inner: ThresholdTracker, ts: Float64Array, vs: Float64Array, count: number): void {
    const above = this.rule.op === 'above';
    const limit = this.rule.value;
    const innerLimit = inner.rule.value;
    const maxGapMs = this.maxGapMs;
    let prev = this.prev;
    let stepMs = this.stepMs;
    let n = this.count, sum = this.sum, worst = this.worst, start = this.start, last = this.last;
    let m = inner.count, innerSum = inner.sum, innerWorst = inner.worst, innerStart = inner.start, innerLast = inner.last;
    for (let k = 0; k < count; k++) {
      if (n === 0) {
        // no run open (an inner one lies within this one's): skip to the next sample beyond
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
      const innerBeyond = above ? v > innerLimit : v < innerLimit;
      if (m > 0 && (broken || !innerBeyond)) {
        // the run's fields written here, not through a call: one not inlined boxes each double argument
        inner.stepMs = stepMs;
        inner.count = m;
        inner.sum = innerSum;
        inner.worst = innerWorst;
        inner.start = innerStart;
        inner.last = innerLast;
        inner.close();
        m = 0;
        innerSum = 0;
      }
      if (n > 0 && (broken || !beyond)) {
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
      if (n === 0) {
        start = t;
        worst = v;
      } else if (above ? v > worst : v < worst) worst = v;
      last = t;
      n++;
      sum += v;
      if (!innerBeyond) continue;
      if (m === 0) {
        innerStart = t;
        innerWorst = v;
      } else if (above ? v > innerWorst : v < innerWorst) innerWorst = v;
      innerLast = t;
      m++;
      innerSum += v;
    }
    this.prev = inner.prev = prev;
    this.stepMs = inner.stepMs = stepMs;
    this.count = n;
    this.sum = sum;
    this.worst = worst;
    this.start = start;
    this.last = last;
    inner.count = m;
    inner.sum = innerSum;
    inner.worst = innerWorst;
    inner.start = innerStart;
    inner.last = innerLast;
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
   * on a long log whose values cross a threshold every few samples). Small, so that it is
   * inlined where runs close (millions of times on such a log).
   */
  private record(run: ThresholdTracker): void {
    const durationMs = run.last - run.start + run.stepMs;
    this.runs++;
    this.totalMs += durationMs;
    if (durationMs < this.rule.sustainMs) return;
    // the alert's numbers, while fewer than maxAlerts are kept (its object is built when read)
    if (this.alertCount++ < this.maxAlerts) this.kept.push(run.start, run.last, durationMs, run.count, run.sum, run.worst);
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
