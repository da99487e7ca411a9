import { Worker } from 'node:worker_threads';
import { WarmWorkers } from '../../workers/warmWorkers.js';

// Statistics workers, started when a run asks for them or ahead of it (prestartStatsWorkers:
// the CLI does so first thing, so that they boot on idle cores while it loads).

/**
 * A statistics worker's young generation, MB (V8's default is 16 MB or more a thread): a
 * worker's data are typed arrays reused from block to block, so it makes little garbage, and
 * a small young generation keeps the process's memory flat as workers are added (about 40 MB
 * less for two workers on a 2 GB log).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/**
 * Starts one statistics worker, idle until its first message (the run's setup). From the
 * compiled `.js` directly (the built CLI); from the TypeScript sources (vitest, tsx) through a
 * small `.mjs` bootstrap that registers tsx (resolved by name, as a dependency) and then
 * imports the `.ts` worker named in workerData.
 */
export function startStatsWorker(): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./statsWorker.js', import.meta.url), { resourceLimits }); // the process's own Node options
  return new Worker(new URL('./sourceWorker.mjs', import.meta.url), { workerData: { entry: new URL('./statsWorker.ts', import.meta.url).href }, resourceLimits, execArgv: ['--conditions=source'] });
}

/** Statistics workers started ahead of a run, not yet taken. */
const warm = new WarmWorkers(startStatsWorker);

/**
 * Starts `count` statistics worker threads now, before a parallel run asks for them (a run of
 * `StatsOptions.threads` = count + 1: the calling thread and its workers), idle and not keeping
 * the process alive until a run with that many workers takes them. Counts below 1 start none.
 *
 * @example
 * prestartStatsWorkers(1); // first thing in a command that will compute statistics on 2 threads
 */
export function prestartStatsWorkers(count: number): void {
  warm.prestart(count, 1);
}

/** The `count` workers {@link prestartStatsWorkers} started, handed over once, or null (others are stopped). */
export function takeStatsWorkers(count: number): Worker[] | null {
  return warm.take(count);
}
