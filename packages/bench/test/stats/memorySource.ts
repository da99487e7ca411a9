import type { SeriesKey, SeriesSink } from '@hostplan/bench';

/** A hand-made in-memory series for tests: a key and its samples in time order. */
export interface MemorySeries {
  readonly key: SeriesKey;
  readonly samples: readonly (readonly [number, number])[];
}

/** A key with sensible defaults. */
export function key(counter: string, over: Partial<SeriesKey> = {}): SeriesKey {
  return { host: 'H1', object: 'Test', instance: null, counter, path: `\\\\H1\\Test\\${counter}`, ...over };
}

/**
 * A replayable source that streams the series row by row (all series at timestamp t, then the
 * next t), as a perfmon reader does; counts its calls.
 */
export function memorySource(series: readonly MemorySeries[]): ((sink: SeriesSink) => Promise<void>) & { calls: number } {
  const fn = async (sink: SeriesSink) => {
    fn.calls++;
    series.forEach((s, i) => sink.series(i, s.key));
    const rows = new Map<number, [number, number][]>();
    series.forEach((s, i) => s.samples.forEach(([t, v]) => {
      const r = rows.get(t) ?? [];
      r.push([i, v]);
      rows.set(t, r);
    }));
    for (const t of [...rows.keys()].sort((a, b) => a - b)) for (const [i, v] of rows.get(t)!) sink.sample(i, t, v);
  };
  fn.calls = 0;
  return fn;
}

/** Samples at a regular step from `startMs`. */
export function regular(values: readonly number[], stepMs = 60_000, startMs = Date.UTC(2024, 0, 1)): [number, number][] {
  return values.map((v, i) => [startMs + i * stepMs, v]);
}
