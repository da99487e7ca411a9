import type { ThresholdTracker } from '../thresholds.js';

/**
 * How the threshold trackers of one series are fed its samples: rules with one operator and
 * value share their runs (the first of them is fed for all: {@link ThresholdTracker.lead}); of
 * the trackers fed, two with one operator whose thresholds nest (75 and 90 above) walk the
 * samples in one pass ({@link ThresholdTracker.addAllPaired}), the others one by one.
 */
export class ThresholdFeed {
  /** The pairs fed together: `outer[i]` with `inner[i]` (its threshold beyond the outer's). */
  private readonly outer: ThresholdTracker[] = [];
  private readonly inner: ThresholdTracker[] = [];
  /** The trackers fed alone. */
  private readonly single: ThresholdTracker[] = [];

  constructor(trackers: readonly ThresholdTracker[]) {
    const fed: ThresholdTracker[] = [];
    for (const th of trackers) {
      const leader = fed.find((l) => l.canLead(th));
      if (leader) leader.lead(th);
      else fed.push(th);
    }
    while (fed.length > 0) {
      const a = fed.shift()!;
      const j = fed.findIndex((b) => a.canPair(b) || b.canPair(a));
      if (j < 0) {
        this.single.push(a);
        continue;
      }
      const b = fed.splice(j, 1)[0]!;
      this.outer.push(a.canPair(b) ? a : b);
      this.inner.push(a.canPair(b) ? b : a);
    }
  }

  /** Feeds the present samples `ts[i], vs[i]` for i in 0..count-1 to every tracker (as their add() calls would). */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    const outer = this.outer;
    for (let j = 0; j < outer.length; j++) outer[j]!.addAllPaired(this.inner[j]!, ts, vs, count);
    const single = this.single;
    for (let j = 0; j < single.length; j++) single[j]!.addAll(ts, vs, count);
  }
}
