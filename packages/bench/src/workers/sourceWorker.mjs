// Starts a worker thread from the TypeScript sources (vitest, tsx): registers tsx's loader in
// this thread, then imports the `.ts` worker named in workerData.entry. The built package starts
// its workers' `.js` directly and never loads this file (startWorker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
