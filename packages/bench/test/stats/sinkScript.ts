import type { SeriesKey, SeriesSink } from '@hostplan/bench';

/** One step of a script of sink calls: a series declared (late), a row of any width, or one sample. */
export type Op = { kind: 'series'; index: number } | { kind: 'row'; dt: number; values: number[] } | { kind: 'sample'; index: number; dt: number; value: number };

const MIN = 60_000;

/**
 * A source that plays a script: `declared` series first (as perfmon's header declares them), then
 * `ops`, each time step `dt` minutes from 2024-01-01. Rows go on as `row` calls, or with `rows:
 * false` as one sample call per value (what a sink without a row method receives).
 */
export function playScript(declared: number, ops: readonly Op[], keyOf: (index: number) => SeriesKey, rows = true): (sink: SeriesSink) => void {
  return (sink) => {
    const known = new Set<number>();
    const declare = (i: number) => {
      if (!known.has(i)) sink.series(i, keyOf(i));
      known.add(i);
    };
    for (let i = 0; i < declared; i++) declare(i);
    let t = Date.UTC(2024, 0, 1);
    for (const op of ops) {
      if (op.kind === 'series') declare(op.index);
      else if (op.kind === 'sample') sink.sample(op.index, (t += op.dt * MIN), op.value);
      else {
        t += op.dt * MIN;
        const values = Float64Array.from(op.values);
        if (rows) sink.row!(t, values, values.length);
        else values.forEach((v, i) => sink.sample(i, t, v));
      }
    }
  };
}
