import { readSync } from 'node:fs';
import { orderStatistics, orderStatisticsScratch, type OrderStatisticsScratch } from '../orderStatistics.js';

// The end of a run whose values went to the spill file: each series' order statistics are
// selected from its values read back. The series can be shared out between threads of the
// process (the worker that wrote the file, the calling thread), each claiming the next from a
// shared counter: a task says where a series' values lie in the file and what its moments
// know, and is selected with the same calls wherever it runs, so the map is the same whoever
// selects which series.

/** One series' order statistics to select from the spill file. */
export interface SpillTask {
  readonly series: number;
  /** 0-based ranks, ascending, without repeats. */
  readonly ranks: readonly number[];
  /** Its values (all of them in the file). */
  readonly count: number;
  /** The exact range of its values from the moments (a signed zero as 0). */
  readonly min: number;
  readonly max: number;
  /** Its runs in the file: byte offset and value count, [offset0, count0, offset1, count1, ...]. */
  readonly runs: readonly number[];
}

/**
 * The series of a spill file that any thread of the process may select: each claims the next
 * task with an atomic increment of `next`, so the threads share the work however busy each is.
 */
export interface SpillHandOver {
  /** The file's descriptor, open until the thread that wrote it gets the selection back. */
  readonly fd: number;
  readonly tasks: readonly SpillTask[];
  /** Int32 [0]: the index of the next task not yet claimed. */
  readonly next: SharedArrayBuffer;
}

/**
 * Sorts the tasks: `shared` lists the series that hold at most `maxValues` values (read back
 * whole by whichever thread claims them), `own` the larger ones, selected in pieces where the
 * file was written.
 *
 * @example
 * queueSpillTasks(tasks, 1 << 20) // => { own: [], shared: tasks } when every series fits
 */
export function queueSpillTasks(tasks: readonly SpillTask[], maxValues: number): { own: SpillTask[]; shared: SpillTask[] } {
  return { own: tasks.filter((t) => t.count > maxValues), shared: tasks.filter((t) => t.count <= maxValues) };
}

/**
 * The tasks of a hand-over this thread claims, one at a time as it asks for the next, until
 * none is left (or `most` are claimed): every task goes to exactly one claimer.
 *
 * @example
 * for (const t of claimTasks(handOver)) select(t);
 */
export function* claimTasks(handOver: SpillHandOver, most = Infinity): Generator<SpillTask> {
  const next = new Int32Array(handOver.next);
  for (let claimed = 0; claimed < most; claimed++) {
    const i = Atomics.add(next, 0, 1);
    if (i >= handOver.tasks.length) return;
    yield handOver.tasks[i]!;
  }
}

/**
 * Reads a task's values (its runs, in the order written) from the file `fd` into `into` (at
 * least `task.count` long) with positioned reads. Returns the count.
 *
 * @example
 * const n = readTask(fd, task, scratch); scratch.subarray(0, n) // the series' values
 */
export function readTask(fd: number, task: SpillTask, into: Float64Array): number {
  let at = 0;
  for (let r = 0; r < task.runs.length; r += 2) {
    const position = task.runs[r]!;
    const bytes = new Uint8Array(into.buffer, into.byteOffset + at * 8, task.runs[r + 1]! * 8);
    for (let done = 0; done < bytes.length;) {
      const n = readSync(fd, bytes, done, bytes.length - done, position + done);
      if (n === 0) throw new Error(`spill file: unexpected end at byte ${position + done}`);
      done += n;
    }
    at += task.runs[r + 1]!;
  }
  return at;
}

/**
 * Selects a task's ranks from its values (all of them, in any order) into `exact`, by
 * `series:rank` (reusing `scratch`'s bucket arrays, when given).
 *
 * @example
 * selectTaskInto(task, values, exact); exact.get(`${task.series}:${task.ranks[0]}`) // its lowest rank's value
 */
export function selectTaskInto(task: SpillTask, values: Float64Array, exact: Map<string, number>, scratch?: OrderStatisticsScratch): void {
  const selected = orderStatistics(values, task.ranks, { min: task.min, max: task.max }, scratch);
  task.ranks.forEach((rank, i) => exact.set(`${task.series}:${rank}`, selected[i]!));
}

/**
 * Selects order statistics of series handed over ({@link SpillHandOver}) on this thread, those
 * it claims (all that are left when it gets there first; at most `most`): each read back whole
 * into the memory of the WebAssembly bucket passes (`scratch.buckets.wasm`, made on first use),
 * or without WebAssembly into one array reused from series to series (`scratch.values`, grown as
 * needed), both kept for the next hand-over like the selection's bucket arrays, and selected as
 * the thread that wrote the file would. The map by `series:rank`.
 *
 * @example
 * const exact = selectHandedOver(handOver); // merged into the writer's own selection
 */
export function selectHandedOver(handOver: SpillHandOver, most = Infinity, scratch: { values: Float64Array; buckets?: OrderStatisticsScratch } = { values: new Float64Array(0) }): Map<string, number> {
  const exact = new Map<string, number>();
  for (const t of claimTasks(handOver, most)) {
    const buckets = (scratch.buckets ??= orderStatisticsScratch(true));
    if (!buckets.wasm && scratch.values.length < t.count) scratch.values = new Float64Array(Math.max(...handOver.tasks.map((x) => x.count)));
    const into = buckets.wasm ? buckets.wasm.values(t.count) : scratch.values;
    selectTaskInto(t, into.subarray(0, readTask(handOver.fd, t, into)), exact, buckets);
  }
  return exact;
}
