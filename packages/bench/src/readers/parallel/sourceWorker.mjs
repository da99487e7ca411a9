// Starts the parse worker from the TypeScript sources (vitest, tsx): registers tsx's
// loader in this worker thread, then imports the `.ts` worker named in workerData.entry. The
// built package starts statsWorker.js directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
