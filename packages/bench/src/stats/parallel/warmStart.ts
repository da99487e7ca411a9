import { Worker } from 'node:worker_threads';

// Imports nothing but Node's own modules: the CLI loads this file first thing, so that the
// statistics threads boot on the idle cores while the main thread is still loading hostplan.

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

/** Workers started ahead of a run, not yet taken. */
let warm: Worker[] = [];

/**
 * Starts `count` statistics worker threads now, before a parallel run asks for them
 * (`StatsOptions.threads`): a thread takes about 0.1 s of CPU to boot, which the run then
 * does not wait for. They do not keep the process alive while unused, and a run that
 * asks for another count starts its own instead. Whole numbers below 2 start none.
 *
 * @example
 * prestartStatsWorkers(2); // first thing in a command that will compute statistics on 2 threads
 */
export function prestartStatsWorkers(count: number): void {
  if (!Number.isInteger(count) || count < 2 || warm.length > 0) return;
  warm = Array.from({ length: count }, () => {
    const w = startStatsWorker();
    w.unref();
    return w;
  });
}

/**
 * The `count` workers {@link prestartStatsWorkers} started, handed over once (kept alive from
 * now on), or null when there are none of that count (others are stopped).
 */
export function takeStatsWorkers(count: number): Worker[] | null {
  const taken = warm;
  warm = [];
  if (taken.length > 0 && taken.length === count) {
    for (const w of taken) w.ref();
    return taken;
  }
  for (const w of taken) void w.terminate();
  return null;
}
