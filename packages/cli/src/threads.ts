import { availableParallelism } from 'node:os';
import type { Assumption } from '@hostplan/core';
import { numberOption } from './options.js';

/**
 * The most statistics threads the CLI starts by default. The logs are parsed on one thread, which
 * is the slower side: on the 357 MB benchmark log the reading thread takes 1.5 s of CPU and each of
 * two statistics threads 1.1 s, so a third gains nothing, while each worker costs a V8 isolate of
 * 30-40 MB (2 GB log: 234 MB peak on 1 thread, 282 MB on 2, 298 MB on 3, 339 MB on 4). Two keeps a
 * 2 GB log under 300 MB on any machine; `--threads N` asks for more.
 */
export const MAX_DEFAULT_THREADS = 2;

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
    ? { ...a, value: choice.threads, source: `hostplan CLI: os.availableParallelism(), the cores this process may use, at most ${MAX_DEFAULT_THREADS} (the logs are parsed on one thread, so more statistics threads gain nothing and each costs 30-40 MB; --threads N to change); the statistics run on that many worker threads while the logs are parsed`, isDefault: true }
    : a));
}
