import type { Worker } from 'node:worker_threads';

/**
 * Worker threads of one kind started ahead of the run that will use them: a thread takes about
 * 0.1 s of CPU to boot, which the run then does not wait for (the CLI starts them first thing,
 * on cores that are idle while it loads). Idle started threads do not keep the process alive;
 * a run that asks for another count stops them and starts its own.
 *
 * @example
 * const warm = new WarmWorkers(startStatsWorker);
 * warm.prestart(2);
 * const workers = warm.take(2) ?? [startStatsWorker(), startStatsWorker()];
 */
export class WarmWorkers {
  private warm: Worker[] = [];
  /** Workers that stopped (an error while booting) before a run took them. */
  private readonly stopped = new WeakSet<Worker>();
  private readonly onStop = new WeakMap<Worker, () => void>();

  constructor(private readonly start: () => Worker) {}

  /** Starts `count` workers now (whole numbers from `min` on; fewer start none), unless some wait already. */
  prestart(count: number, min = 1): void {
    if (!Number.isInteger(count) || count < min || this.warm.length > 0) return;
    this.warm = Array.from({ length: count }, () => {
      const w = this.start();
      w.unref();
      // a failure while waiting is not thrown at nobody: the worker is only not handed over
      const stop = () => this.stopped.add(w);
      this.onStop.set(w, stop);
      w.on('error', stop).on('exit', stop);
      return w;
    });
  }

  /**
   * The `count` workers {@link prestart} started, handed over once (kept alive from now on, their
   * errors the run's), or null when there are none of that count or one stopped (the others are
   * stopped then, and the run starts its own).
   */
  take(count: number): Worker[] | null {
    const taken = this.warm;
    this.warm = [];
    for (const w of taken) w.off('error', this.onStop.get(w)!).off('exit', this.onStop.get(w)!);
    if (taken.length > 0 && taken.length === count && !taken.some((w) => this.stopped.has(w))) {
      for (const w of taken) w.ref();
      return taken;
    }
    for (const w of taken) void w.terminate();
    return null;
  }
}
