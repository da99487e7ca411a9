import type { SeriesSink } from '../series/types.js';
import type { SampleSource } from './types.js';

/**
 * One replayable source from several (one per file): each is streamed in turn, its series
 * renumbered after those of the sources before it, so the same counter in two files stays two
 * series. Replays replay every source in the same order. Whole rows of the first source pass
 * through as rows; those of the others go as single samples.
 *
 * @example
 * const all = concatSources(files.map((f) => (sink) => readPerfFile(f, sink)));
 */
export function concatSources(sources: readonly SampleSource[]): SampleSource {
  return async (sink) => {
    let base = 0;
    for (const source of sources) {
      let count = 0;
      const local = new Map<number, number>();
      // whole rows pass through while the numbering is the identity (the first source, its
      // series announced in order and all in the row); otherwise they go as single samples
      let identity = base === 0;
      const remap = (i: number) => {
        let j = local.get(i);
        if (j === undefined) {
          j = base + count++;
          local.set(i, j);
          if (j !== i) identity = false;
        }
        return j;
      };
      const sample = (i: number, t: number, v: number) => sink.sample(local.get(i) ?? remap(i), t, v);
      const inner: SeriesSink = {
        series: (i, key) => sink.series(remap(i), key),
        sample,
        ...(typeof sink.row === 'function' && {
          row: (t: number, values: Float64Array, n: number) => {
            if (identity && n <= count) sink.row!(t, values, n);
            else for (let i = 0; i < n; i++) sample(i, t, values[i]!);
          },
        }),
        issue: (issue) => sink.issue?.(issue),
      };
      await source(inner);
      base += count;
    }
  };
}
