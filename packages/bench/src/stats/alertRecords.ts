import type { ThresholdAlert, ThresholdRule } from './thresholdRules.js';

/** Numbers kept per alert: start, end, duration, samples, sum of the values, worst value. */
const ALERT_FIELDS = 6;

/**
 * A threshold tracker's kept alerts as numbers in one growing Float64Array, turned into
 * {@link ThresholdAlert} objects (with their messages) only when read. On a log whose values
 * cross a threshold every few samples, every series' first alerts come within its first rows:
 * built as objects there, thousands of them and their strings were copied by each young-generation
 * collection of the statistics thread's warm-up (~50 ms of collector time a benchmark run,
 * --cpu-prof), while the thread that reads the file waited for it.
 *
 * @example
 * const kept = new AlertRecords();
 * kept.push(0, 60_000, 120_000, 2, 190, 96);
 * kept.read(rule, 0, 'path')[0]!.mean // => 95
 */
export class AlertRecords {
  private data = new Float64Array(0);
  private count = 0;
  /** The alerts built so far: the first `built.length` of those kept. */
  private readonly built: ThresholdAlert[] = [];

  /** Keeps one alert's numbers: its first and last sample times, duration, samples, their sum and worst value. */
  push(startMs: number, endMs: number, durationMs: number, samples: number, sum: number, worst: number): void {
    let at = this.count * ALERT_FIELDS;
    if (at === this.data.length) {
      const grown = new Float64Array(Math.max(16 * ALERT_FIELDS, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[at++] = startMs;
    d[at++] = endMs;
    d[at++] = durationMs;
    d[at++] = samples;
    d[at++] = sum;
    d[at] = worst;
    this.count++;
  }

  /** The alerts kept, as objects for `rule` on the series `series` at `path` (those built before are reused). */
  read(rule: ThresholdRule, series: number, path: string): ThresholdAlert[] {
    const d = this.data;
    for (let i = this.built.length; i < this.count; i++) {
      const at = i * ALERT_FIELDS;
      const startMs = d[at]!;
      const durationMs = d[at + 2]!;
      const samples = d[at + 3]!;
      const worst = d[at + 5]!;
      const mean = d[at + 4]! / samples;
      this.built.push({
        rule: rule.id, severity: rule.severity, series, path, op: rule.op, threshold: rule.value,
        startMs, endMs: d[at + 1]!, durationMs, samples, worst, mean,
        message: `${path} ${rule.op} ${rule.value} for ${Math.round(durationMs / 1000)} s from ${new Date(startMs).toISOString()} (worst ${round(worst)}, mean ${round(mean)}); ${rule.source}`,
      });
    }
    return this.built;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
