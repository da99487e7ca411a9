import type { ReadEvent, ReadIssue, SeriesKey, SeriesSink } from '@hostplan/bench';

/** A sink that keeps everything, for assertions. */
export interface CollectingSink extends SeriesSink {
  readonly keys: SeriesKey[];
  readonly times: number[][];
  readonly values: number[][];
  readonly issues: ReadIssue[];
  readonly events: ReadEvent[];
}

export function collectingSink(): CollectingSink {
  const keys: SeriesKey[] = [];
  const times: number[][] = [];
  const values: number[][] = [];
  const issues: ReadIssue[] = [];
  const events: ReadEvent[] = [];
  return {
    keys, times, values, issues, events,
    series(index, key) {
      if (index !== keys.length) throw new Error(`series index ${index} out of order (expected ${keys.length})`);
      keys.push(key);
      times.push([]);
      values.push([]);
    },
    sample(index, t, v) {
      times[index]!.push(t);
      values[index]!.push(v);
    },
    issue(i) {
      issues.push(i);
    },
    event(e) {
      events.push(e);
    },
  };
}

/** Same value, NaN equal to NaN (Object.is also tells -0 from 0). */
export function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
