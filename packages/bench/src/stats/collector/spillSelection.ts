import { readSync } from 'node:fs';
import { orderStatistics } from '../orderStatistics.js';

// The end of a run whose values went to the spill file: each series' order statistics are
// selected from its values read back. The series can be shared out between threads of the
// process (the worker that wrote the file, the calling thread): a task says where a series'
// values lie in the file and what its moments know, and is selected with the same calls
// wherever it runs, so the map is the same whoever selects which series.

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

/** Series of a spill file handed to another thread of the same process to select. */
export interface SpillHandOver {
  /** The file's descriptor, open until the thread that wrote it gets the selection back. */
  readonly fd: number;
  readonly tasks: readonly SpillTask[];
}

/**
 * Splits the tasks: `handed` takes whole series that hold at most `maxValues` values each
 * (larger ones are selected in pieces where the file was written), spread over the list so
 * that at each point they hold about `share` (0..1) of the values seen so far (the costs of
 * selecting differ between kinds of series, which tend to lie together); `own` keeps the rest.
 *
 * @example
 * splitSpillTasks(tasks, 0.5, 1 << 20) // => { own: [...], handed: [...] }, every other series or so
 */
export function splitSpillTasks(tasks: readonly SpillTask[], share: number, maxValues: number): { own: SpillTask[]; handed: SpillTask[] } {
  const part = Math.min(1, Math.max(0, share));
  const own: SpillTask[] = [];
  const handed: SpillTask[] = [];
  let seen = 0;
  let given = 0;
  for (const t of tasks) {
    seen += t.count;
    if (t.count <= maxValues && given + t.count / 2 <= part * seen) {
      handed.push(t);
      given += t.count;
    } else own.push(t);
  }
  return { own, handed };
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
 * Selects a task's ranks from its values (all of them, in any order) into `exact`, by `series:rank`.
 *
 * @example
 * selectTaskInto(task, values, exact); exact.get(`${task.series}:${task.ranks[0]}`) // its lowest rank's value
 */
export function selectTaskInto(task: SpillTask, values: Float64Array, exact: Map<string, number>): void {
  const selected = orderStatistics(values, task.ranks, { min: task.min, max: task.max });
  task.ranks.forEach((rank, i) => exact.set(`${task.series}:${rank}`, selected[i]!));
}

/**
 * Selects the order statistics of series handed over ({@link SpillHandOver}), on this thread:
 * each read back whole into one array reused from series to series, and selected as the
 * thread that wrote the file would. The map by `series:rank`.
 *
 * @example
 * const exact = selectHandedOver(handOver); // merged into the writer's own selection
 */
export function selectHandedOver(handOver: SpillHandOver): Map<string, number> {
  const exact = new Map<string, number>();
  let largest = 0;
  for (const t of handOver.tasks) if (t.count > largest) largest = t.count;
  const into = new Float64Array(largest);
  for (const t of handOver.tasks) selectTaskInto(t, into.subarray(0, readTask(handOver.fd, t, into)), exact);
  return exact;
}
