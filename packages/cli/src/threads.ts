import { availableParallelism } from 'node:os';
import type { Assumption } from '@hostplan/core';
import { numberOption } from './options.js';

/**
 * The most statistics threads the CLI starts by default. Each worker costs a V8 isolate of
 * 30-40 MB (2 GB log, before the parse workers: 234 MB peak on 1 thread, 282 MB on 2, 298 MB on
 * 3, 339 MB on 4), and from 2 statistics threads on the rows are also parsed on
 * {@link PARSE_WORKERS} worker threads. Two keeps a 2 GB log under 300 MB on any machine;
 * `--threads N` asks for more.
 */
export const MAX_DEFAULT_THREADS = 2;

/**
 * Parse workers of a PDH log (`ReadOptions.parseWorkers`) when the statistics run on worker
 * threads: the calling thread then only replays the parsed rows, derives the demand series and
 * hands them to the statistics threads. Measured per thread on the 357 MB benchmark log with 2
 * statistics threads (CPU ms from /proc/self/task): no parse worker, the calling thread 1,740 and
 * the statistics threads 1,380 and 1,300; one, the calling thread 860, the parse worker 1,030 and
 * the statistics threads 1,220 and 1,260 (all threads 4.9 s against 5.0 s); two, the parse
 * workers 510 and 580 with the rest unchanged. One already parses faster than each statistics
 * thread folds, so a second shortens nothing and adds a V8 isolate (about 15 MB at peak).
 */
export const PARSE_WORKERS = 1;

/**
 * The parse workers for `threads` statistics threads: {@link PARSE_WORKERS} from 2 threads on,
 * none with 1 (`--threads 1` keeps everything on the calling thread).
 *
 * @example
 * parseWorkersFor(2) // => 1
 * parseWorkersFor(1) // => 0
 */
export function parseWorkersFor(threads: number): number {
  return threads >= 2 ? PARSE_WORKERS : 0;
}

/** The statistics threads of `hostplan bench` and `plan --perf`: `--threads N`, and whether it was given. */
export interface ThreadsChoice {
  readonly threads: number;
  readonly given: boolean;
}

/**
 * Parses `--threads N` (a whole number >= 1); without it, the machine's cores
 * (`os.availableParallelism()`), at most {@link MAX_DEFAULT_THREADS}.
 *
 * @example
 * threadsOption('3') // => { threads: 3, given: true }
 */
export function threadsOption(value: string | undefined): ThreadsChoice {
  const n = numberOption(value, 'threads', (x) => Number.isInteger(x) && x >= 1, 'a whole number of threads >= 1');
  return n === undefined ? { threads: Math.min(availableParallelism(), MAX_DEFAULT_THREADS), given: false } : { threads: n, given: true };
}

/**
 * The assumptions with `stats.threads` saying where the CLI's default came from when
 * `--threads` was not given (the library's own default is 1).
 *
 * @example
 * withThreadsAssumption(r.assumptions, { threads: 2, given: false })
 * // => [..., { name: 'stats.threads', value: 2, source: 'hostplan CLI: os.availableParallelism() ...', isDefault: true }]
 */
export function withThreadsAssumption(assumptions: readonly Assumption[], choice: ThreadsChoice): Assumption[] {
  if (choice.given) return [...assumptions];
  return assumptions.map((a) => (a.name === 'stats.threads'
    ? { ...a, value: choice.threads, source: `hostplan CLI: os.availableParallelism(), the cores this process may use, at most ${MAX_DEFAULT_THREADS} (each statistics thread costs 30-40 MB; --threads N to change); the statistics run on that many worker threads while the logs are read, and from 2 threads on a PDH log's rows are parsed on ${PARSE_WORKERS} more (parseWorkersFor)`, isDefault: true }
    : a));
}
