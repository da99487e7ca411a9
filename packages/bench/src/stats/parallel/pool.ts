import type { Worker } from 'node:worker_threads';
import { resolveStatsOptions, statsAssumptions } from '../options.js';
import { selectOrderStatistics, type OrderStatisticRequest } from '../selectOrderStatistics.js';
import type { SampleSource, SeriesStats, StatsOptions, StatsResult } from '../types.js';
import type { ThresholdAlert } from '../thresholds.js';
import { FanOutSink } from './fanOutSink.js';
import { selectHandedOver } from '../collector/spillSelection.js';
import type { OrderStatisticsScratch } from '../orderStatistics.js';
import { BLOCK_VALUES, SLOTS, type FromWorker, type ToWorker } from './protocol.js';
import { startStatsWorker, takeStatsWorkers } from './warmStart.js';

/** Waits for the next message of each worker that matches `type`, rejecting on a worker's error or exit. */
function nextOf<T extends FromWorker['type']>(workers: readonly Worker[], type: T): Promise<Extract<FromWorker, { type: T }>[]> {
  return Promise.all(workers.map((w) => new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.type === 'error') {
        done();
        reject(new Error(`statistics worker: ${m.message}`));
      } else if (m.type === type) {
        done();
        resolve(m as Extract<FromWorker, { type: T }>);
      }
    };
    const onError = (e: unknown) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`statistics worker stopped with exit code ${code}`));
    };
    const done = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
  })));
}

/**
 * {@link seriesStatistics} on `shards` worker threads: the source streams on the calling
 * thread (reading and parsing), every worker gets every call through shared memory and
 * computes the statistics of its shard of the series (`ShardPlan`), each within
 * its share of `memoryBudgetBytes` less the 8 MiB of shared blocks. Each series is folded exactly as by one collector of every
 * series, so the results equal the sequential ones bit for bit; only `method` may say
 * `spilled` where the sequential run kept the values in memory (or the reverse), and a
 * replay (no spill file) is shared by all shards. Without a spill file nor a replay
 * (`replay: false`), a shard may still hold in memory what one thread would have sketched.
 */
export async function parallelSeriesStatistics(source: SampleSource, options: StatsOptions, shards: number): Promise<StatsResult> {
  const o = resolveStatsOptions(options);
  const { align: _align, canonicalKey: _canonical, threads: _threads, ...plain } = options;
  const blocks = new SharedArrayBuffer(SLOTS * BLOCK_VALUES * 8);
  const control = new SharedArrayBuffer((SLOTS + 1) * 4);
  // the shared blocks count against the budget; each worker keeps its share of the rest
  const perWorker = { ...plain, memoryBudgetBytes: Math.max(8, Math.floor((o.memoryBudgetBytes - blocks.byteLength) / shards)) };
  // threads started ahead of the run (prestartStatsWorkers), else new ones
  const workers = takeStatsWorkers(shards) ?? Array.from({ length: shards }, startStatsWorker);
  workers.forEach((w, shard) => w.postMessage({ type: 'setup', setup: { options: perWorker, shard, shards, blocks, control } } satisfies ToWorker));
  const errors: string[] = [];
  for (const w of workers) w.on('message', (m: FromWorker) => m.type === 'error' && errors.push(m.message));
  const send = (message: ToWorker) => workers.forEach((w) => w.postMessage(message));
  try {
    const sink = new FanOutSink(workers, blocks, control, o);
    const ended = (async () => {
      try {
        await source(sink);
      } catch (e) {
        // a worker's failure surfaces here as a generic one: wait for its message
        if (Atomics.load(new Int32Array(control), SLOTS) !== 0) await new Promise((r) => setTimeout(r, 200));
        throw errors.length > 0 ? new Error(`statistics worker: ${errors[0]}`) : e;
      }
      sink.flush();
    })();
    await ended;
    const ranks = Promise.all([nextOf(workers, 'alerts'), nextOf(workers, 'ranks')]);
    // each worker sends its alerts first, then shares its spill file's selection with the calling thread: all threads select until none is left
    send({ type: 'end' });
    const [alertParts, answers] = await ranks;
    // one array for the series read back from every worker's file (one series at a time)
    const scratch: { values: Float64Array; buckets?: OrderStatisticsScratch } = { values: new Float64Array(0) };
    const selected = answers.map((a) => (a.handOver ? selectHandedOver(a.handOver, Infinity, scratch) : null));
    scratch.values = new Float64Array(0);
    delete scratch.buckets;
    const pending: OrderStatisticRequest[] = answers.flatMap((a) => a.pending);
    let passes = 1;
    let exact: Map<string, number> | null = null;
    if (pending.length > 0 && o.replay) {
      const selected = await selectOrderStatistics(source, pending, Math.floor(o.memoryBudgetBytes / 8));
      passes += selected.passes;
      exact = new Map(pending.map((r, i) => [`${r.series}:${r.rank}`, selected.values[i]!]));
    }
    const results = nextOf(workers, 'results');
    workers.forEach((w, i) => w.postMessage({ type: 'finish', exact, selected: selected[i]! } satisfies ToWorker));
    const parts = await results;
    const series: SeriesStats[] = parts.flatMap((p) => p.series).sort((a, b) => a.index - b.index);
    // alerts in series order, each series' alerts in their own order (as one collector lists them)
    const alerts: ThresholdAlert[] = alertParts.flatMap((p) => p.alerts).sort((a, b) => a.series - b.series);
    return { series, alerts, issues: [...sink.issues, ...parts.flatMap((p) => p.issues)], passes, assumptions: statsAssumptions(options) };
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  // after their results the workers end on their own
}
