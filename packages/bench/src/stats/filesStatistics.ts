import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HostplanError, type ErrorCode } from '@hostplan/core';
import { readPerfFile } from '../readers/readPerf.js';
import type { ReadOptions, ReadSummary } from '../readers/types.js';
import type { StatsJob, StatsWorkerMessage } from './_internals/statsWorker.js';
import { seriesStatistics } from './seriesStatistics.js';
import type { StatsOptions, StatsResult } from './types.js';

/** Options of {@link seriesStatisticsOfFiles}. */
export interface FilesStatisticsOptions {
  /** Statistics options, the same for every file (no functions when `workers` > 0: they cannot cross threads). @defaultValue `{}` (every {@link StatsOptions} default) */
  readonly stats?: StatsOptions;
  /** Reader options, the same for every file (no `onProgress` or `signal` in workers). @defaultValue `{}` (every {@link ReadOptions} default) */
  readonly read?: Omit<ReadOptions, 'onProgress' | 'signal'>;
  /** Worker threads; 0 computes on the calling thread, one file after the other. @defaultValue `min(files, os.availableParallelism())` */
  readonly workers?: number;
}

/** The statistics of one file and its reader's summary (of the first pass). */
export interface FileStatistics {
  readonly path: string;
  readonly stats: StatsResult;
  readonly summary: ReadSummary;
}

/**
 * The exact per-series statistics of several perf counter files, each file on its own (series
 * do not cross files), computed in parallel on worker threads: each worker reads a file,
 * replays it itself when the two-pass path needs it, and posts back its statistics. Results
 * come in the order of `paths` and equal those of `workers: 0` (the same code on the calling
 * thread). Rejects on the first failing file. Memory: each worker holds at most its own
 * `memoryBudgetBytes` of values.
 *
 * @example
 * const files = await seriesStatisticsOfFiles(['host1.csv', 'host2.csv'], { workers: 2 });
 * files[1]!.stats.series[0]!.p95 // => 42.7
 */
export async function seriesStatisticsOfFiles(paths: readonly string[], options: FilesStatisticsOptions = {}): Promise<FileStatistics[]> {
  const stats = options.stats ?? {};
  const read = options.read ?? {};
  const workers = Math.max(0, Math.min(paths.length, Math.floor(options.workers ?? availableParallelism())));
  if (workers === 0) {
    const out: FileStatistics[] = [];
    for (const path of paths) {
      let summary: ReadSummary | null = null;
      const result = await seriesStatistics(async (sink) => {
        const s = await readPerfFile(path, sink, read);
        summary ??= s;
      }, stats);
      out.push({ path, stats: result, summary: summary! });
    }
    return out;
  }
  for (const [name, value] of Object.entries(stats)) {
    if (typeof value === 'function') throw new HostplanError('invalid-value', `stats.${name}`, 'a function cannot be sent to worker threads; use workers: 0', 'serialisable options', name);
  }
  return runStatsPool(paths, read, stats, workers);
}

/** How to start a statistics worker: the `.js` build directly, or from the `.ts` source through tsx (vitest, `tsx --conditions=source`). */
function workerSpec(): { script: string | URL; eval: boolean; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./_internals/statsWorker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return { script: url, eval: false, execArgv: [] };
  const tsxApi = new URL('../../../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url);
  const script = `import(${JSON.stringify(tsxApi.href)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script, eval: true, execArgv: ['--conditions=source'] };
}

async function runStatsPool(paths: readonly string[], read: ReadOptions, stats: StatsOptions, size: number): Promise<FileStatistics[]> {
  const results: FileStatistics[] = new Array(paths.length);
  const spec = workerSpec();
  const pool: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let failed = false;
      const fail = (error: unknown) => {
        if (!failed) {
          failed = true;
          reject(error);
        }
      };
      const startJob = (worker: Worker) => {
        if (failed) return;
        if (next >= paths.length) {
          if (--active === 0) resolve();
          return;
        }
        const job: StatsJob = { type: 'job', fileIndex: next, path: paths[next]!, read, stats };
        next++;
        worker.postMessage(job);
      };
      for (let i = 0; i < size; i++) {
        const worker = new Worker(spec.script, { eval: spec.eval, execArgv: spec.execArgv });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`statistics worker stopped with exit code ${code}`));
        });
        worker.on('message', (m: StatsWorkerMessage) => {
          if (m.type === 'error') {
            fail(m.code ? new HostplanError(m.code as ErrorCode, m.path, m.message) : new Error(`${m.path}: ${m.message}`));
            return;
          }
          results[m.fileIndex] = { path: paths[m.fileIndex]!, stats: m.stats, summary: m.summary };
          startJob(worker);
        });
        pool.push(worker);
        active++;
        startJob(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
