import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workers/startWorker.js';
import { WarmWorkers } from '../../workers/warmWorkers.js';

// Statistics workers, started when a run asks for them or ahead of it (prestartStatsWorkers:
// the CLI does so first thing, so that they boot on idle cores while it loads).

/**
 * Starts one statistics worker, idle until its first message (the run's setup).
 *
 * @example
 * const w = startStatsWorker();
 */
export function startStatsWorker(): Worker {
  return startWorker(import.meta.url, 'statsWorker');
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
