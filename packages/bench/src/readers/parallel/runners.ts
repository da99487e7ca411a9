import { readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parseRange, type RangeScratch } from './parseRange.js';
import type { FromParseWorker, RangeResult, RangeSetup, RangeTask } from './protocol.js';

/** Parses chunks somewhere (worker threads, or the calling thread in tests) and answers each task once. */
export interface RangeRunner {
  run(task: RangeTask): Promise<RangeResult>;
  /** Stops the workers (after which the file may be closed). */
  close(): Promise<void>;
}

/**
 * A parse worker's young generation, MB: a worker reads into one reused buffer and sends its
 * rows in transferred ones, so it makes little garbage; a small young generation keeps the
 * process's memory flat.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/**
 * How to start a worker (as stats/parallel/pool.ts does): the compiled `.js` directly; from
 * the TypeScript sources (vitest, tsx) through a small `.mjs` bootstrap that registers tsx.
 */
function workerScript(): { script: URL; entry?: string; execArgv?: string[] } {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./parseWorker.js', import.meta.url) };
  return { script: new URL('./sourceWorker.mjs', import.meta.url), entry: new URL('./parseWorker.ts', import.meta.url).href, execArgv: ['--conditions=source'] };
}

/** Parses on the calling thread, one task at a time (the same code the workers run; for tests). */
export function inlineRunner(setup: RangeSetup): RangeRunner {
  const scratch: RangeScratch = { buf: Buffer.alloc(0) };
  const read = (buffer: Uint8Array, offset: number, length: number, position: number) => readSync(setup.fd, buffer, offset, length, position);
  return {
    run: async (task) => parseRange(read, setup, task, scratch),
    close: async () => {},
  };
}

interface Waiting {
  readonly task: RangeTask;
  readonly resolve: (r: RangeResult) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * `workers` parse workers, each given one task at a time from a queue in task order. A
 * worker's error or exit rejects every task not answered.
 */
export function workerRunner(setup: RangeSetup, workers: number): RangeRunner {
  const { script, entry, execArgv } = workerScript();
  const queue: Waiting[] = [];
  const busy = new Map<Worker, Waiting>();
  const idle: Worker[] = [];
  let failure: unknown = null;
  const fail = (e: unknown) => {
    failure ??= e;
    for (const w of [...busy.values(), ...queue.splice(0)]) w.reject(failure);
    busy.clear();
  };
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.pop()!;
      const next = queue.shift()!;
      busy.set(w, next);
      w.postMessage(next.task, next.task.reuse ? [next.task.reuse] : []);
    }
  };
  const pool = Array.from({ length: workers }, () => {
    const w = new Worker(script, { workerData: { ...setup, ...(entry && { entry }) }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }, ...(execArgv && { execArgv }) });
    w.on('message', (m: FromParseWorker) => {
      const waiting = busy.get(w);
      busy.delete(w);
      if (m.type === 'error') return fail(new Error(`parse worker: ${m.message}`));
      waiting?.resolve(m.result);
      idle.push(w);
      dispatch();
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`parse worker stopped with exit code ${code}`)));
    idle.push(w);
    return w;
  });
  return {
    run(task) {
      if (failure) return Promise.reject(failure);
      return new Promise<RangeResult>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      failure ??= new Error('parse workers closed');
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
