const MAX_STEPS = 64;

/**
 * The time side of a series: first and last sample time and the most frequent sampling step,
 * over every sample, present or missing. Series that receive the same timestamps (the columns
 * of one perfmon log) can share one clock, advanced once per block of rows instead of once per
 * series; {@link clone} gives a series its own when it stops receiving the same times.
 *
 * Steps are rounded to 2 significant digits (perfmon timestamps jitter by a few ms: 15,008 ms
 * counts as 15,000); at most 64 distinct steps are counted.
 *
 * @example
 * const c = new SampleClock();
 * c.advance(Float64Array.of(0, 15_008, 30_000, 44_990), 4);
 * [c.first, c.last, c.intervalMs()] // => [0, 44990, 15000]
 */
export class SampleClock {
  first = Infinity;
  last = -Infinity;
  private readonly steps = new Map<number, number>();
  /** The current rounded step and the raw range [stepLo, stepHi) that rounds to it. */
  private step = NaN;
  private stepLo = 0;
  private stepHi = -1;
  private stepCount = 0;

  /**
   * Takes the times `ts[0..n)` in arrival order: a time after the last one is a step; an earlier
   * one only moves `first`.
   */
  advance(ts: Float64Array, n: number): void {
    // state in locals, written back around the rare change of step
    let first = this.first;
    let last = this.last;
    let stepLo = this.stepLo;
    let stepHi = this.stepHi;
    let stepCount = this.stepCount;
    for (let i = 0; i < n; i++) {
      const t = ts[i]!;
      if (t > last) {
        if (last !== -Infinity) {
          const step = t - last;
          if (!(step >= stepLo && step < stepHi)) {
            this.stepCount = stepCount;
            this.flushStep();
            const unit = 10 ** (Math.floor(Math.log10(step)) - 1);
            this.step = Math.round(step / unit) * unit;
            stepLo = this.stepLo = this.step - unit / 2;
            stepHi = this.stepHi = this.step + unit / 2;
            stepCount = 0;
          }
          stepCount++;
        }
        last = t;
      }
      if (t < first) first = t;
    }
    this.first = first;
    this.last = last;
    this.stepCount = stepCount;
  }

  /**
   * The most frequent rounded step in ms (the smaller on a tie), or null before two times.
   *
   * @example
   * clock.intervalMs() // => 15000
   */
  intervalMs(): number | null {
    this.flushStep();
    let best: number | null = null;
    let bestCount = 0;
    for (const [step, c] of this.steps) if (c > bestCount || (c === bestCount && best !== null && step < best)) [best, bestCount] = [step, c];
    return best;
  }

  /**
   * An independent copy.
   *
   * @example
   * const own = shared.clone(); own.advance(times, 1); // shared is unchanged
   */
  clone(): SampleClock {
    const c = new SampleClock();
    this.flushStep();
    c.first = this.first;
    c.last = this.last;
    for (const [step, count] of this.steps) c.steps.set(step, count);
    c.step = this.step;
    c.stepLo = this.stepLo;
    c.stepHi = this.stepHi;
    return c;
  }

  private flushStep(): void {
    if (this.stepCount === 0) return;
    const c = this.steps.get(this.step);
    if (c !== undefined) this.steps.set(this.step, c + this.stepCount);
    else if (this.steps.size < MAX_STEPS) this.steps.set(this.step, this.stepCount);
    this.stepCount = 0;
  }
}
