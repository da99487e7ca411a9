import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HostplanError, type ErrorCode } from '@hostplan/core';
import type { ReadProgress, SeriesSink } from '../series/types.js';
import { replayMessage, type WorkerJob, type WorkerMessage } from './_internals/batchSink.js';
import type { ReadOptions, ReadSummary } from './types.js';

/** Options of {@link readPerfFiles}: those of every reader, plus the pool size. */
export interface ReadFilesOptions extends ReadOptions {
  /** Worker threads. @defaultValue `min(files, os.availableParallelism())` */
  readonly concurrency?: number;
}

/** Where a sink lives when it runs inside the workers: an ES module and the name of its factory export. */
export interface WorkerSinkModule {
  /** `file:` URL (or absolute path) of an ES module the workers can import. */
  readonly url: string | URL;
  /** Export called as `(path, fileIndex) => SeriesSink & { result?(): unknown }`. */
  readonly exportName: string;
}

/** One file read by {@link readPerfFilesInWorkers}: its summary and its sink's `result()`. */
export interface WorkerReadResult<R> {
  readonly summary: ReadSummary;
  readonly result: R | undefined;
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

interface PoolHandlers {
  /** A message other than done/error/progress for file `fileIndex`. */
  onData(fileIndex: number, message: WorkerMessage): void;
  onDone(fileIndex: number, message: Extract<WorkerMessage, { type: 'done' }>): void;
}

/** Runs one job per path on a pool of reader workers; rejects on the first failure. */
async function runPool(paths: readonly string[], options: ReadFilesOptions, sinkModule: WorkerJob['sinkModule'], handlers: PoolHandlers): Promise<void> {
  const { onProgress, signal, concurrency, ...rest } = options;
  const size = Math.max(1, Math.min(paths.length, concurrency ?? availableParallelism()));
  const spec = workerSpec();
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
        const onMessage = (message: WorkerMessage) => {
          if (failed) return;
          try {
            if (message.type === 'done') {
              worker.off('message', onMessage);
              handlers.onDone(fileIndex, message);
              startJob(worker);
            } else if (message.type === 'error') {
              worker.off('message', onMessage);
              fail(message.code ? new HostplanError(message.code as ErrorCode, message.path, message.message) : new Error(`${message.path}: ${message.message}`));
            } else if (message.type === 'progress') {
              const progress: ReadProgress = { file: path, bytesDone: message.bytesDone, bytesTotal: message.bytesTotal, rate: message.rate, secondsLeft: message.secondsLeft };
              onProgress?.(progress);
            } else {
              handlers.onData(fileIndex, message);
              if (message.type === 'samples') worker.postMessage({ type: 'ack' });
            }
          } catch (e) {
            fail(e); // a sink that throws
          }
        };
        worker.on('message', onMessage);
        const job: WorkerJob = {
          type: 'job',
          path,
          fileIndex,
          options: { ...rest, ...(onProgress ? {} : { progressEveryBytes: Number.MAX_SAFE_INTEGER }) },
          ...(sinkModule ? { sinkModule } : {}),
        };
        worker.postMessage(job);
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
}

/**
 * Reads several perf files in parallel on worker threads. Each file's series, samples (in
 * transferred batches, at most 8 unacknowledged per worker so memory stays flat), issues and
 * events are replayed, in the order the worker read them, into the sink `sinkFor(path,
 * fileIndex)` returns, on the calling thread. Summaries come back in the order of `paths`.
 * The first failure (an unreadable file, a strict-mode issue) rejects and stops the pool.
 * The parsing runs in parallel; the sinks run on the calling thread (for sinks that should
 * run in parallel too, see {@link readPerfFilesInWorkers}).
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
  const summaries: ReadSummary[] = new Array(paths.length);
  const sinks = new Map<number, SeriesSink>();
  const sinkOf = (i: number) => {
    let sink = sinks.get(i);
    if (!sink) sinks.set(i, (sink = sinkFor(paths[i]!, i)));
    return sink;
  };
  await runPool(paths, options, undefined, {
    onData: (i, message) => replayMessage(message, sinkOf(i)),
    onDone: (i, message) => {
      sinkOf(i);
      sinks.delete(i);
      summaries[i] = message.summary as ReadSummary;
    },
  });
  return summaries;
}

/**
 * Reads several perf files in parallel, each into a sink built INSIDE its worker thread by the
 * factory `exportName` of the module `url` (so per-sample work such as statistics runs in
 * parallel too); returns, per file in the order of `paths`, the summary and what the sink's
 * `result()` returns (structured-cloned: plain data, typed arrays, Maps).
 *
 * @example
 * // stats-sink.ts: export function statsSink(path, i) { const s = new SeriesStats(); return Object.assign(s, { result: () => s.toJSON() }); }
 * const results = await readPerfFilesInWorkers(paths, { url: new URL('./stats-sink.js', import.meta.url), exportName: 'statsSink' });
 * results[0].result // => the first file's statistics
 */
export async function readPerfFilesInWorkers<R = unknown>(
  paths: readonly string[],
  sink: WorkerSinkModule,
  options: ReadFilesOptions = {},
): Promise<WorkerReadResult<R>[]> {
  if (paths.length === 0) return [];
  const url = sink.url instanceof URL ? sink.url.href : sink.url.startsWith('/') ? new URL(`file://${sink.url}`).href : sink.url;
  const results: WorkerReadResult<R>[] = new Array(paths.length);
  await runPool(paths, options, { url, exportName: sink.exportName }, {
    onData: () => {},
    onDone: (i, message) => {
      results[i] = { summary: message.summary as ReadSummary, result: message.result as R | undefined };
    },
  });
  return results;
}
