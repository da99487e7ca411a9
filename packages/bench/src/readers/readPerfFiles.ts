import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HostplanError, type ErrorCode } from '@hostplan/core';
import type { ReadProgress, SeriesSink } from '../series/types.js';
import { replayMessage, type WorkerMessage } from './_internals/batchSink.js';
import type { ReadOptions, ReadSummary } from './types.js';

/** Options of {@link readPerfFiles}: those of every reader, plus the pool size. */
export interface ReadFilesOptions extends ReadOptions {
  /** Worker threads. @defaultValue `min(files, os.availableParallelism())` */
  readonly concurrency?: number;
}

/**
 * How to start a reader worker: the `.js` build directly; from the `.ts` source (tsx, vitest) a
 * small bootstrap registers tsx in the worker, then imports the `.ts` worker.
 */
function workerSpec(): { script: string | URL; eval: boolean; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./_internals/readerWorker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return { script: url, eval: false, execArgv: [] };
  const tsxApi = new URL('../../../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url);
  const script = `import(${JSON.stringify(tsxApi.href)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script, eval: true, execArgv: ['--conditions=source'] };
}

/**
 * Reads several perf files in parallel on worker threads. Each file's series, samples (in
 * transferred batches), issues and events are replayed, in the order the worker read them,
 * into the sink `sinkFor(path, fileIndex)` returns, on the calling thread. Summaries come back
 * in the order of `paths`. The first failure (an unreadable file, a strict-mode issue) rejects
 * and stops the pool. `onProgress` is called per file.
 *
 * @example
 * const stats = paths.map(() => new SeriesStats());
 * const summaries = await readPerfFiles(paths, (path, i) => stats[i], { concurrency: 2 });
 */
export async function readPerfFiles(
  paths: readonly string[],
  sinkFor: (path: string, fileIndex: number) => SeriesSink,
  options: ReadFilesOptions = {},
): Promise<ReadSummary[]> {
  if (paths.length === 0) return [];
  const { onProgress, signal, concurrency, ...rest } = options;
  const size = Math.max(1, Math.min(paths.length, concurrency ?? availableParallelism()));
  const spec = workerSpec();
  const summaries: ReadSummary[] = new Array(paths.length);
  const workers: Worker[] = [];
  let next = 0;
  signal?.throwIfAborted();

  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      const startJob = (worker: Worker) => {
        if (failed) return;
        if (next >= paths.length) {
          if (--active === 0) resolve();
          return;
        }
        const fileIndex = next++;
        const path = paths[fileIndex]!;
        const sink = sinkFor(path, fileIndex);
        const onMessage = (message: WorkerMessage) => {
          if (failed) return;
          try {
            if (message.type === 'done') {
              worker.off('message', onMessage);
              summaries[fileIndex] = message.summary as ReadSummary;
              startJob(worker);
            } else if (message.type === 'error') {
              worker.off('message', onMessage);
              fail(message.code ? new HostplanError(message.code as ErrorCode, message.path, message.message) : new Error(`${message.path}: ${message.message}`));
            } else if (message.type === 'progress') {
              const progress: ReadProgress = { file: path, bytesDone: message.bytesDone, bytesTotal: message.bytesTotal, rate: message.rate, secondsLeft: message.secondsLeft };
              onProgress?.(progress);
            } else {
              replayMessage(message, sink);
            }
          } catch (e) {
            fail(e); // a sink that throws (e.g. strict handling on the caller's side)
          }
        };
        worker.on('message', onMessage);
        worker.postMessage({ path, options: { ...rest, ...(onProgress ? {} : { progressEveryBytes: Number.MAX_SAFE_INTEGER }) } });
      };
      for (let i = 0; i < size; i++) {
        const worker = new Worker(spec.script, { eval: spec.eval, execArgv: spec.execArgv });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`reader worker stopped with exit code ${code}`));
        });
        workers.push(worker);
        active++;
        startJob(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return summaries;
}
