import { prestartParseWorkers } from '../readers/parallel/warmParse.js';
import { prestartStatsWorkers } from '../stats/parallel/warmStart.js';

/** How many worker threads {@link prestartWorkers} starts. */
export interface PrestartOptions {
  /**
   * Statistics threads of the run to come, the calling thread included (`StatsOptions.threads`):
   * `threads - 1` workers start (none for 1).
   * @defaultValue 1
   */
  readonly threads?: number;
  /**
   * Parse workers of the read to come (`ReadOptions.parseWorkers`).
   * @defaultValue 0
   */
  readonly parseWorkers?: number;
}

/**
 * Starts the worker threads a statistics run and a parallel read will ask for, now: each takes
 * about 0.1 s of CPU to boot, which the run then does not wait for (the CLI calls this first
 * thing, while it loads on one core and the others are idle). They wait, not keeping the process
 * alive, until a run or read of the same counts takes them; other counts start their own.
 *
 * @example
 * prestartWorkers({ threads: 2, parseWorkers: 1 });
 * await measureDemand(source, { stats: { threads: 2 } }); // takes the statistics worker
 */
export function prestartWorkers(options: PrestartOptions): void {
  prestartStatsWorkers((options.threads ?? 1) - 1);
  prestartParseWorkers(options.parseWorkers ?? 0);
}
