import type { Assumption } from '@hostplan/core';
import { numberOption } from './options.js';
import { defaultThreads, MAX_DEFAULT_THREADS, threadPlan } from './threadPlan.js';

export { MAX_DEFAULT_THREADS, PARSE_FROM_THREADS, PARSE_WORKERS, threadPlan, type ThreadPlan } from './threadPlan.js';

/** The threads of `hostplan bench` and `plan --perf` in all: `--threads N`, and whether it was given. */
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
  return n === undefined ? { threads: defaultThreads(), given: false } : { threads: n, given: true };
}

/**
 * The assumptions with `stats.threads` (the statistics' threads, the calling thread included)
 * saying how the CLI's `--threads` was split ({@link threadPlan}) and, when it was not given,
 * where its default came from (the library's own default is 1).
 *
 * @example
 * withThreadsAssumption(r.assumptions, { threads: 4, given: false })
 * // => [..., { name: 'stats.threads', value: 3, source: 'hostplan CLI: 4 threads in all (the default: ...)...', isDefault: true }]
 */
export function withThreadsAssumption(assumptions: readonly Assumption[], choice: ThreadsChoice): Assumption[] {
  const plan = threadPlan(choice.threads);
  const why = choice.given ? '--threads' : `the default: os.availableParallelism(), the cores this process may use, at most ${MAX_DEFAULT_THREADS}, as each worker costs 15-40 MB; --threads N to change`;
  const parse = plan.parseWorkers > 0 ? `, ${plan.parseWorkers} parses a PDH log's rows` : '';
  // a share of the statistics folded by the calling thread (CALLING_THREAD_SHARE) moves work, not figures
  const share = plan.callingThreadShare > 0 ? ` (the calling thread folds ${Math.round(plan.callingThreadShare * 100)} % of them itself, by estimated cost)` : '';
  const source = `hostplan CLI: ${choice.threads} thread${choice.threads === 1 ? '' : 's'} in all (${why}): the calling thread reads the logs, ${plan.statistics - 1} more compute the statistics${share}${parse}; this figure counts the calling thread and the statistics workers`;
  return assumptions.map((a) => (a.name === 'stats.threads' ? { ...a, value: plan.statistics, source, isDefault: !choice.given } : a));
}
