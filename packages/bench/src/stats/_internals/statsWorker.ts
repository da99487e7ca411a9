import { parentPort } from 'node:worker_threads';
import { HostplanError } from '@hostplan/core';
import { readPerfFile } from '../../readers/readPerf.js';
import type { ReadOptions, ReadSummary } from '../../readers/types.js';
import { seriesStatistics } from '../seriesStatistics.js';
import type { StatsOptions, StatsResult } from '../types.js';

/** A file for a statistics worker. */
export interface StatsJob {
  readonly type: 'job';
  readonly fileIndex: number;
  readonly path: string;
  readonly read: ReadOptions;
  readonly stats: StatsOptions;
}

/** What a statistics worker answers for one job. */
export type StatsWorkerMessage =
  | { readonly type: 'done'; readonly fileIndex: number; readonly stats: StatsResult; readonly summary: ReadSummary }
  | { readonly type: 'error'; readonly fileIndex: number; readonly code: string | null; readonly path: string; readonly message: string };

// Runs in a worker thread: per job, the exact statistics of one file (the file is re-read by
// this worker when the two-pass path needs replays), posted back whole.
const port = parentPort;
if (!port) throw new Error('statsWorker must run in a worker thread');

port.on('message', (job: StatsJob) => {
  void (async () => {
    try {
      let summary: ReadSummary | null = null;
      const stats = await seriesStatistics(async (sink) => {
        const s = await readPerfFile(job.path, sink, job.read);
        summary ??= s; // the first pass's summary (replays read the same bytes)
      }, job.stats);
      const done: StatsWorkerMessage = { type: 'done', fileIndex: job.fileIndex, stats, summary: summary! };
      port.postMessage(done);
    } catch (e) {
      const error: StatsWorkerMessage = e instanceof HostplanError
        ? { type: 'error', fileIndex: job.fileIndex, code: e.code, path: e.path, message: e.path && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message }
        : { type: 'error', fileIndex: job.fileIndex, code: null, path: job.path, message: e instanceof Error ? e.message : String(e) };
      port.postMessage(error);
    }
  })();
});
