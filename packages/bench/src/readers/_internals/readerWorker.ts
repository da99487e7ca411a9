import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { HostplanError } from '@hostplan/core';
import type { SeriesSink } from '../../series/types.js';
import { readPerfStream } from '../readPerf.js';
import type { ReadOptions } from '../types.js';
import { createBatchSink, MAX_BATCHES_IN_FLIGHT, type WorkerJob, type WorkerMessage } from './batchSink.js';

// Runs in a worker thread: reads the files the pool sends, one at a time. Either posts what it
// reads as batches (at most MAX_BATCHES_IN_FLIGHT unacknowledged, so a slow receiver holds
// the reading back instead of piling up memory), or feeds a sink built here from the job's
// module and posts only that sink's result.
const port = parentPort;
if (!port) throw new Error('readerWorker must run in a worker thread');

let inFlight = 0;
let wake: (() => void) | null = null;
const post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => {
  if (message.type === 'samples') inFlight++;
  port.postMessage(message, transfer ?? []);
};

/** The file's chunks, pausing while too many batches wait on the receiving side. */
async function* chunks(path: string, chunkBytes: number, throttle: boolean): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      while (throttle && inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead); // the parser copies what it keeps before the next read
    }
  } finally {
    await handle.close();
  }
}

async function run(job: WorkerJob): Promise<void> {
  const options = job.options as ReadOptions;
  const batch = job.sinkModule ? null : createBatchSink(post);
  try {
    let local: (SeriesSink & { result?(): unknown }) | null = null;
    if (job.sinkModule) {
      const mod = (await import(job.sinkModule.url)) as Record<string, unknown>;
      const factory = mod[job.sinkModule.exportName];
      if (typeof factory !== 'function') throw new Error(`${job.sinkModule.url} has no function export ${JSON.stringify(job.sinkModule.exportName)}`);
      local = (factory as (path: string, fileIndex: number) => SeriesSink & { result?(): unknown })(job.path, job.fileIndex);
    }
    const sink = local ?? batch!;
    const { size } = await (await import('node:fs/promises')).stat(job.path);
    const summary = await readPerfStream(chunks(job.path, Math.max(4096, options.chunkBytes ?? 1 << 20), batch !== null), sink, {
      ...options,
      file: options.file ?? job.path,
      bytesTotal: size,
      onProgress: (p) => post({ type: 'progress', bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, rate: p.rate, secondsLeft: p.secondsLeft }),
    });
    batch?.flush();
    post({ type: 'done', summary, ...(local?.result ? { result: local.result() } : {}) });
  } catch (e) {
    batch?.flush();
    if (e instanceof HostplanError) {
      post({ type: 'error', code: e.code, path: e.path, message: e.path && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message });
    } else {
      post({ type: 'error', code: null, path: job.path, message: e instanceof Error ? e.message : String(e) });
    }
  }
}

port.on('message', (message: WorkerJob | { type: 'ack' }) => {
  if (message.type === 'ack') {
    inFlight--;
    if (wake && inFlight < MAX_BATCHES_IN_FLIGHT) {
      const w = wake;
      wake = null;
      w();
    }
    return;
  }
  void run(message);
});
