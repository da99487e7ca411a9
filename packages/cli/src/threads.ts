import { availableParallelism } from 'node:os';
import type { Assumption } from '@hostplan/core';
import { numberOption } from './options.js';

/** The statistics threads of `hostplan bench` and `plan --perf`: `--threads N`, and whether it was given. */
export interface ThreadsChoice {
  readonly threads: number;
  readonly given: boolean;
}

/**
 * Parses `--threads N` (a whole number >= 1); without it, the machine's cores
 * (`os.availableParallelism()`).
 *
 * @example
 * threadsOption('3') // => { threads: 3, given: true }
 */
export function threadsOption(value: string | undefined): ThreadsChoice {
  const n = numberOption(value, 'threads', (x) => Number.isInteger(x) && x >= 1, 'a whole number of threads >= 1');
  return n === undefined ? { threads: availableParallelism(), given: false } : { threads: n, given: true };
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
    ? { ...a, value: choice.threads, source: 'hostplan CLI: os.availableParallelism(), the cores this process may use (--threads N to change); the statistics run on that many worker threads while the logs are parsed', isDefault: true }
    : a));
}
