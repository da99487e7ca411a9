import { availableParallelism } from 'node:os';

// How many threads a run uses and what each does: apart from threads.ts (which parses
// `--threads` and writes the assumption) so that the CLI's prestart, which runs before the
// command's modules load, imports nothing but node:os.

/**
 * The most threads `hostplan bench` and `plan --perf` use by default: the calling thread
 * (reading, the demand series, handing rows over), two statistics workers and one parse worker
 * ({@link threadPlan}). Each worker costs a V8 isolate of 15-40 MB; four keep a 2 GB log under
 * 300 MB (256 MB measured, 232 MB on 2 threads); `--threads N` asks for more.
 */
export const MAX_DEFAULT_THREADS = 4;

/**
 * Parse workers of a PDH log (`ReadOptions.parseWorkers`) from {@link PARSE_FROM_THREADS}
 * threads on: the calling thread then only replays the parsed rows, derives the demand series
 * and hands them to the statistics workers. Measured per thread on the 357 MB benchmark log with 2
 * statistics workers (CPU ms from /proc/self/task): no parse worker, the calling thread 1,740 and
 * the statistics threads 1,380 and 1,300; one, the calling thread 860, the parse worker 1,030 and
 * the statistics threads 1,220 and 1,260 (all threads 4.9 s against 5.0 s); two, the parse
 * workers 510 and 580 with the rest unchanged. One already parses faster than each statistics
 * thread folds, so a second shortens nothing and adds a V8 isolate (about 15 MB at peak).
 */
export const PARSE_WORKERS = 1;

/**
 * From this many threads on, one parses. Below it every thread is busy already: on 2 cores the
 * parse worker's hand-over cost more than it spared (357 MB log, 4 runs each alternated: 2.45-2.56 s
 * and CPU 3.8-3.9 s with it, 2.39-2.52 s and 3.6-3.8 s without), and the statistics keep up with
 * the calling thread on one worker (one against two: 2.37-2.61 s against 2.44-2.76 s, CPU 3.5
 * against 3.9 s), so 2 threads are the calling thread and one statistics worker, 3 add a second.
 */
export const PARSE_FROM_THREADS = 4;

/**
 * The share of the statistics work the calling thread folds itself on 2 threads
 * (`StatsOptions.callingThreadShare`: a shard of the series, by their estimated folding cost),
 * beside reading and parsing, while the one statistics worker folds the rest. 0: the calling
 * thread, parsing, is already the busier one. Measured on the 357 MB benchmark log, `hostplan
 * bench` built, shares interleaved, 14 runs each on a loaded 2-core machine (load 3.3-5.4), CPU
 * per thread from /proc/PID/task, median (best) in ms:
 *
 * | share | calling thread | statistics worker | wall |
 * |---|---|---|---|
 * | 0 | 1,430 (1,330) | 1,480 (1,290) | 3,170 (1,890) |
 * | 1/8 | 1,640 (1,530) | 1,300 (1,110) | 3,500 (1,930) |
 * | 1/5 | 1,680 (1,540) | 1,200 (1,080) | 3,060 (2,000) |
 * | 1/4 | 1,800 (1,650) | 1,130 (1,070) | 2,700 (2,030) |
 * | 1/3 | 1,800 (1,710) | 1,030 (940) | 3,210 (2,080) |
 *
 * Each 1/8 moves about 150 ms of folding (and its percentiles) from the worker to the calling
 * thread, plus about 60 ms on the calling thread for having a shard at all. A faster parser,
 * emulated (benchmarks/callingThreadShare.ts: the rows from memory into measureDemand, the parse
 * burnt as CPU work per row; 3 runs each, medians): at 5.5 us a row (today's parse) the calling
 * thread's CPU against the worker's is 1,410/1,440 ms at share 0 and 1,690/1,130 at 1/4; at
 * 2.75 us (2x faster) 800/1,330 at 0, 1,140/1,130 at 1/4, 1,380/1,120 at 1/3; at 1.8 us (3x)
 * 600/1,440 at 0, 990/1,050 at 1/4, 1,100/1,110 at 1/3. So once the parse is 2-3x faster, 1/4
 * to 1/3 balances the two threads (walls not usable: load 4-7.5 during these runs).
 *
 * With the WebAssembly row scanner (parse ~1.7x faster), the whole command on the benchmark log,
 * quiet 2-core machine (load 0.5-2), shares interleaved, 6 runs each, wall s (CPU s): 0.15:
 * 1.53-1.96 (2.71-3.40); 0.2: 1.44-1.79 (2.63-3.22); 0.25: 1.49-1.84 (2.67-3.32); 0.3: 1.49-1.84
 * (2.66-3.26); 0 (4 runs, an earlier round): 1.72-1.88 (2.80-2.99). A profile at 0.2 still shows
 * the worker waiting for rows now and then (idle ~120 ms during the stream), so more than 0.2
 * only moves the wait.
 *
 * With the scanner a third faster again (session 9: ~300 ms of parse where it was ~470) the
 * worker became the slower thread (the calling thread waited ~150 ms for free blocks), and 1/4
 * balances them again. Whole command on the benchmark log, quiet 2-core machine, shares
 * interleaved, 12 runs each, median (best) wall s: 0.2: 1.285 (1.20); 0.25: 1.235 (1.19); 0.3:
 * 1.23 (1.20); 0.35: 1.27 (1.22); paired against 0.2, 0.25 won 10 of 12 (-35 ms median) and 0.3 11
 * of 12 (-45 ms). Then 10 runs each of 0.25, 0.275 and 0.3: medians 1.23, 1.24, 1.24 s (flat):
 * the lower end of it, as a machine whose parse is relatively slower wants less.
 */
export const CALLING_THREAD_SHARE = 0.25;

/**
 * How a run's threads are used: the statistics' (`StatsOptions.threads`, the calling thread
 * included), the parse workers, and the calling thread's share of the statistics work.
 */
export interface ThreadPlan {
  readonly statistics: number;
  readonly parseWorkers: number;
  readonly callingThreadShare: number;
}

/**
 * The threads of a run of `threads` in all: {@link PARSE_WORKERS} parse worker from
 * {@link PARSE_FROM_THREADS} on, the rest for the statistics (the calling thread and its
 * workers); on 2, the calling thread folds {@link CALLING_THREAD_SHARE} of the statistics.
 *
 * @example
 * threadPlan(2) // => { statistics: 2, parseWorkers: 0, callingThreadShare: CALLING_THREAD_SHARE } (the calling thread and one statistics worker)
 * threadPlan(4) // => { statistics: 3, parseWorkers: 1, callingThreadShare: 0 }
 */
export function threadPlan(threads: number): ThreadPlan {
  const parseWorkers = threads >= PARSE_FROM_THREADS ? PARSE_WORKERS : 0;
  const statistics = threads - parseWorkers;
  return { statistics, parseWorkers, callingThreadShare: statistics === 2 ? CALLING_THREAD_SHARE : 0 };
}

/**
 * The threads of a run without `--threads`: the cores this process may use
 * (`os.availableParallelism()`), at most {@link MAX_DEFAULT_THREADS}.
 *
 * @example
 * defaultThreads() // => 2 on a 2-core machine
 */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
}
