// A parse worker of a parallel PDH read (readParallel.ts): parses the chunks it is sent with
// parseRange and sends the rows back in a transferred buffer. It imports only the row code
// (number and time parsing), so that it starts fast.
import { readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { parseRange, type RangeScratch } from './parseRange.js';
import type { FromParseWorker, RangeSetup, ToParseWorker } from './protocol.js';

const port = parentPort!;
const scratch: RangeScratch = { buf: Buffer.alloc(0) };
/** The read's setup (its first message: the worker may start before the read). */
let setup: RangeSetup | null = null;
const read = (buffer: Uint8Array, offset: number, length: number, position: number) => readSync(setup!.fd, buffer, offset, length, position);

port.on('message', (m: ToParseWorker) => {
  if (m.type === 'setup') {
    setup = m.setup;
    return;
  }
  const task = m.task;
  let message: FromParseWorker;
  try {
    if (setup === null) throw new Error('a chunk before the setup');
    message = { type: 'result', result: parseRange(read, setup, task, scratch) };
  } catch (e) {
    message = { type: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  const records = message.type === 'result' ? message.result.records.buffer : null;
  port.postMessage(message, records && records.byteLength > 0 ? [records as ArrayBuffer] : []);
});
