import { parentPort } from 'node:worker_threads';
import { HostplanError } from '@hostplan/core';
import { readPerfFile } from '../readPerf.js';
import type { ReadOptions } from '../types.js';
import { createBatchSink, type WorkerMessage } from './batchSink.js';

// Runs in a worker thread: reads the files the pool sends, one at a time, and posts what it
// reads as batches (see batchSink.ts).
const port = parentPort;
if (!port) throw new Error('readerWorker must run in a worker thread');
const post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer ?? []);

port.on('message', async (job: { path: string; options: ReadOptions }) => {
  const sink = createBatchSink(post);
  try {
    const summary = await readPerfFile(job.path, sink, {
      ...job.options,
      onProgress: (p) => post({ type: 'progress', bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, rate: p.rate, secondsLeft: p.secondsLeft }),
    });
    sink.flush();
    post({ type: 'done', summary });
  } catch (e) {
    sink.flush();
    if (e instanceof HostplanError) {
      post({ type: 'error', code: e.code, path: e.path, message: e.path && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message });
    } else {
      post({ type: 'error', code: null, path: job.path, message: e instanceof Error ? e.message : String(e) });
    }
  }
});
