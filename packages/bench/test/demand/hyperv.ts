import type { SeriesKey, SeriesSink } from '@hostplan/bench';

const MIN = 60_000;
export const T0 = Date.UTC(2024, 2, 4, 8, 0, 0);

/** A perfmon-style key `\\HOST\Object(instance)\Counter`. */
export function pdhKey(host: string, object: string, instance: string | null, counter: string): SeriesKey {
  return { host, object, instance, counter, path: `\\\\${host}\\${object}${instance === null ? '' : `(${instance})`}\\${counter}` };
}

/** One column: a key and its value at minute i (NaN = missing cell; undefined = no cell). */
export interface Column {
  readonly key: SeriesKey;
  readonly value: (minute: number) => number | undefined;
}

/** A replayable source writing `minutes` rows of 1-minute samples, like a perfmon CSV. */
export function rows(columns: readonly Column[], minutes: number): (sink: SeriesSink) => void {
  return (sink) => {
    columns.forEach((c, i) => sink.series(i, c.key));
    for (let m = 0; m < minutes; m++) {
      columns.forEach((c, i) => {
        const v = c.value(m);
        if (v !== undefined) sink.sample(i, T0 + m * MIN, v);
      });
    }
  };
}

export const constant = (x: number) => () => x;
