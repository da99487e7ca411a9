import type { SeriesSink } from '../series/types.js';
import type { SampleSource } from './types.js';

/**
 * One replayable source from several (one per file): each is streamed in turn, its series
 * renumbered after those of the sources before it, so the same counter in two files stays two
 * series. Replays replay every source in the same order.
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
      const remap = (i: number) => {
        let j = local.get(i);
        if (j === undefined) {
          j = base + count++;
          local.set(i, j);
        }
        return j;
      };
      const inner: SeriesSink = {
        series: (i, key) => sink.series(remap(i), key),
        sample: (i, t, v) => sink.sample(local.get(i) ?? remap(i), t, v),
        issue: (issue) => sink.issue?.(issue),
      };
      await source(inner);
      base += count;
    }
  };
}
