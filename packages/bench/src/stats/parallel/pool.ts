import type { Worker } from 'node:worker_threads';
import { resolveStatsOptions, statsAssumptions, type ResolvedStatsOptions } from '../options.js';
import { StatsCollector } from '../collector.js';
import { ShardPlan } from './shardPlan.js';
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
 * The shards' weights of a run of `workers` statistics workers and a calling thread's share
 * `share` (its shard last, when the share is above 0): the workers split the rest evenly.
 */
function shardWeights(workers: number, share: number): number[] {
  const weights = Array<number>(workers).fill((1 - share) / workers);
  return share > 0 ? [...weights, share] : weights;
}

/**
 * {@link seriesStatistics} on `shards` worker threads: the source streams on the calling thread
 * (reading and parsing), every worker gets every call through shared memory and computes the
 * statistics of its shard of the series (`ShardPlan`), each within its share of
 * `memoryBudgetBytes` less the 8 MiB of shared blocks. With `callingThreadShare` above 0, the
 * calling thread keeps a shard too (the plan's last; a collector within that share of the budget,
 * with its own spill file, folding each block right after posting it): it folds its series while
 * the source streams and selects their percentiles while the workers select theirs. Each series is
 * folded exactly as by one collector of every series, so the results equal the sequential ones bit
 * for bit; only `method` may say `spilled` where the sequential run kept the values in memory (or
 * the reverse), and a replay (no spill file) is shared by all shards. Without a spill file nor a
 * replay (`replay: false`), a shard may still hold in memory what one thread would have sketched.
 */
export async function parallelSeriesStatistics(source: SampleSource, options: StatsOptions, shards: number): Promise<StatsResult> {
  const o = resolveStatsOptions(options);
  const { align: _align, canonicalKey: _canonical, threads: _threads, callingThreadShare: _share, ...plain } = options;
  const blocks = new SharedArrayBuffer(SLOTS * BLOCK_VALUES * 8);
  const control = new SharedArrayBuffer((SLOTS + 1) * 4);
  // the shared blocks count against the budget; each shard keeps its share of the rest
  const share = o.callingThreadShare;
  const rest = o.memoryBudgetBytes - blocks.byteLength;
  const perWorker = { ...plain, memoryBudgetBytes: Math.max(8, Math.floor((rest * (1 - share)) / shards)) };
  const plan = new ShardPlan(shardWeights(shards, share));
  // the calling thread's shard: the last of the plan's
  const local = share > 0 ? new StatsCollector({ ...o, memoryBudgetBytes: Math.max(8, Math.floor(rest * share)) }, (index) => plan.shardOf(index) === shards) : null;
  // threads started ahead of the run (prestartStatsWorkers), else new ones
  const workers = takeStatsWorkers(shards) ?? Array.from({ length: shards }, startStatsWorker);
  workers.forEach((w, shard) => w.postMessage({ type: 'setup', setup: { options: perWorker, shard, blocks, control } } satisfies ToWorker));
  const errors: string[] = [];
  for (const w of workers) w.on('message', (m: FromWorker) => m.type === 'error' && errors.push(m.message));
  try {
    const sink = new FanOutSink(workers, blocks, control, o, plan, local);
    try {
      await source(sink);
    } catch (e) {
      // a worker's failure surfaces here as a generic one: wait for its message
      if (Atomics.load(new Int32Array(control), SLOTS) !== 0) await new Promise((r) => setTimeout(r, 200));
      throw errors.length > 0 ? new Error(`statistics worker: ${errors[0]}`) : e;
    }
    sink.flush();
    const { series, alerts, issues, passes } = await endOfRun(source, o, workers, local);
    return { series, alerts, issues: [...sink.issues, ...issues], passes, assumptions: statsAssumptions(options) };
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  } finally {
    local?.close();
  }
  // after their results the workers end on their own
}

/**
 * The end of a parallel run, once the source has streamed: the alerts, the percentiles (the
 * spill files' selection shared between the threads, else a replay), the results, merged.
 */
async function endOfRun(source: SampleSource, o: ResolvedStatsOptions, workers: readonly Worker[], local: StatsCollector | null): Promise<Omit<StatsResult, 'assumptions'>> {
  // each worker shares its spill file's selection with the calling thread (all threads select
  // until none is left), then sends its alerts: taken in once the selection is done and the
  // workers are told to finish
  const ranks = nextOf(workers, 'ranks');
  const alerted = nextOf(workers, 'alerts');
  alerted.catch(() => undefined); // a worker's failure is thrown by `ranks` first, or where `alerted` is awaited
  workers.forEach((w) => w.postMessage({ type: 'end' } satisfies ToWorker));
  // meanwhile the calling thread's shard selects its own series from its own spill file
  const localAlerts = local ? local.closeAlerts() : [];
  const localExact = local ? await local.selectSpilled() : null;
  // and builds its results now, while the workers write out their last values and hand their
  // series over (with no spill file, after the replay below)
  const own = local && localExact ? local.finish(localExact).series : null;
  const answers = await ranks;
  // one array for the series read back from every worker's file (one series at a time)
  const scratch: { values: Float64Array; buckets?: OrderStatisticsScratch } = { values: new Float64Array(0) };
  const selected = answers.map((a) => (a.handOver ? selectHandedOver(a.handOver, Infinity, scratch) : null));
  scratch.values = new Float64Array(0);
  delete scratch.buckets;
  const pending: OrderStatisticRequest[] = answers.flatMap((a) => a.pending);
  if (local && !localExact) pending.push(...local.pendingRanks());
  let passes = 1;
  let exact: Map<string, number> | null = null;
  if (pending.length > 0 && o.replay) {
    const selected = await selectOrderStatistics(source, pending, Math.floor(o.memoryBudgetBytes / 8));
    passes += selected.passes;
    exact = new Map(pending.map((r, i) => [`${r.series}:${r.rank}`, selected.values[i]!]));
  }
  const results = nextOf(workers, 'results');
  workers.forEach((w, i) => w.postMessage({ type: 'finish', exact, selected: selected[i]! } satisfies ToWorker));
  // the workers build their results while this thread takes in their alerts (and builds its own, if not yet)
  const alertParts = await alerted;
  const ownSeries = own ?? (local ? local.finish(exact).series : []);
  const parts = await results;
  const series: SeriesStats[] = [...parts.flatMap((p) => p.series), ...ownSeries].sort((a, b) => a.index - b.index);
  // alerts in series order, each series' alerts in their own order (as one collector lists them)
  const alerts: ThresholdAlert[] = [...alertParts.flatMap((p) => p.alerts), ...localAlerts].sort((a, b) => a.series - b.series);
  return { series, alerts, issues: [...parts.flatMap((p) => p.issues), ...(local ? local.issues : [])], passes };
}
