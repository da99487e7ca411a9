import { readSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startParseWorker, takeParseWorkers } from './warmParse.js';
import { parseRange, type RangeScratch } from './parseRange.js';
import type { FromParseWorker, RangeResult, RangeSetup, RangeTask, ToParseWorker } from './protocol.js';

/** Parses chunks somewhere (worker threads, or the calling thread in tests) and answers each task once. */
export interface RangeRunner {
  run(task: RangeTask): Promise<RangeResult>;
  /** Stops the workers (after which the file may be closed). */
  close(): Promise<void>;
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
      w.postMessage({ type: 'task', task: next.task } satisfies ToParseWorker, next.task.reuse ? [next.task.reuse] : []);
    }
  };
  // workers started ahead of the read (prestartParseWorkers), else new ones; each gets the read first
  const pool = (takeParseWorkers(workers) ?? Array.from({ length: workers }, startParseWorker)).map((w) => {
    w.postMessage({ type: 'setup', setup } satisfies ToParseWorker);
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
