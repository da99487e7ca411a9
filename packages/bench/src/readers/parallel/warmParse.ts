import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workers/startWorker.js';
import { WarmWorkers } from '../../workers/warmWorkers.js';

// Parse workers, started by a read or ahead of it. Apart from runners.ts so that the CLI's
// prestart (workers/prestart.ts, its own bundle entry) loads no parsing code before starting them.

/**
 * Starts a parse worker, idle until its first message (the read's setup).
 *
 * @example
 * const w = startParseWorker();
 */
export function startParseWorker(): Worker {
  return startWorker(import.meta.url, 'parseWorker');
}

/** Parse workers started ahead of a read, not yet taken. */
const warm = new WarmWorkers(startParseWorker);

/**
 * Starts `count` parse workers now, before a parallel read asks for them
 * (`ReadOptions.parseWorkers`), idle and not keeping the process alive until a read of that
 * many workers takes them. Counts below 1 start none.
 *
 * @example
 * prestartParseWorkers(1);
 */
export function prestartParseWorkers(count: number): void {
  warm.prestart(count, 1);
}

/** The `count` workers {@link prestartParseWorkers} started, handed over once, or null (others are stopped). */
export function takeParseWorkers(count: number): Worker[] | null {
  return warm.take(count);
}
