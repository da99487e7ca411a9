import { Worker } from 'node:worker_threads';

/**
 * A worker's young generation, MB (V8's default is 16 MB or more a thread): hostplan's workers
 * fold into typed arrays reused from block to block, or parse into buffers they hand over, so
 * they make little garbage, and a small young generation keeps the process's memory flat as
 * workers are added (about 40 MB less for two statistics workers on a 2 GB log).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/**
 * Starts the worker module `name` that lies next to the module whose URL is `base` (its
 * `import.meta.url`): the compiled `name.js` directly, with the process's own Node options (the
 * built CLI; in the bundle every worker lies next to the chunk that starts it); from the
 * TypeScript sources (vitest, tsx) through a bootstrap that registers tsx and imports `name.ts`.
 *
 * @example
 * const w = startWorker(import.meta.url, 'statsWorker');
 */
export function startWorker(base: string, name: string): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base), { resourceLimits });
  return new Worker(new URL('./sourceWorker.mjs', import.meta.url), { workerData: { entry: new URL(`./${name}.ts`, base).href }, resourceLimits, execArgv: ['--conditions=source'] });
}
