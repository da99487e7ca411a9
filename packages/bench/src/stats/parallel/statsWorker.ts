import { parentPort } from 'node:worker_threads';
import type { SeriesKey } from '../../series/types.js';
import { StatsCollector } from '../collector.js';
import { resolveStatsOptions } from '../options.js';
import { FAILED, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.js';
import { replayBlock } from './replayBlock.js';
import { claimTasks, queueSpillTasks, type SpillHandOver } from '../collector/spillSelection.js';

// A statistics worker of a parallel run: one shard of the series (the calling thread's ShardPlan), fed
// the whole stream of sink calls so that its series are folded in exactly the blocks a
// collector of every series folds them in (the same results, bit for bit). It may start
// before the run (warmStart.ts): the run's first message, `setup`, says what to compute.
if (!parentPort) throw new Error('statsWorker must run in a worker thread');
const port = parentPort;

/** One run's state, from its `setup` message. */
class ShardRun {
  readonly control: Int32Array;
  readonly blocks: Float64Array;
  /** The option functions' answers, per series key object (set before the collector sees the key). */
  readonly answers = new WeakMap<SeriesKey, { aligned: boolean; canonical: SeriesKey }>();
  /** The shard of every series announced (from its `series` message). */
  readonly shardOf = new Map<number, number>();
  readonly collector: StatsCollector;
  spilled: Map<string, number> | null = null;

  constructor(setup: WorkerSetup) {
    this.control = new Int32Array(setup.control);
    this.blocks = new Float64Array(setup.blocks);
    const answers = this.answers;
    const options = resolveStatsOptions({
      ...setup.options,
      align: (key) => answers.get(key)?.aligned ?? false,
      canonicalKey: (key) => answers.get(key)?.canonical ?? key,
    });
    const shardOf = this.shardOf;
    this.collector = new StatsCollector(options, (index) => shardOf.get(index) === setup.shard);
  }
}

let run: ShardRun | null = null;

const post = (message: FromWorker) => port.postMessage(message);

/** Replays one block's records into the collector, then frees the block's slot. */
function replayShared(r: ShardRun, slot: number, length: number): void {
  try {
    replayBlock(r.collector, r.blocks, slot, length);
  } finally {
    Atomics.sub(r.control, slot, 1);
    Atomics.notify(r.control, slot);
  }
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'setup') {
    run = new ShardRun(message.setup);
    return;
  }
  const r = run;
  if (r === null) throw new Error(`a ${message.type} message before the setup`);
  const collector = r.collector;
  switch (message.type) {
    case 'series':
      r.answers.set(message.key, { aligned: message.aligned, canonical: message.canonical });
      if (!r.shardOf.has(message.index)) r.shardOf.set(message.index, message.shard);
      collector.series(message.index, message.key);
      return;
    case 'mirrors':
      collector.mirrors(message.index, message.sourceIndex, message.scale, message.offset);
      return;
    case 'declares':
      collector.declares(message.index, message.sourceIndex, message.scale, message.offset);
      return;
    case 'revokes':
      collector.revokes(message.index);
      return;
    case 'block':
      replayShared(r, message.slot, message.length);
      return;
    case 'row':
      collector.row(message.timestampMs, message.values, message.values.length);
      return;
    case 'end': {
      // a spill file: the series that fit the budget are shared with the calling thread (each
      // claims the next), posted first, so that it claims them as soon as it is free; then the
      // alerts (final now), closed and sent while it claims; then this worker selects its larger
      // ones and claims its part
      let answered = false;
      let alerted = false;
      const sendAlerts = () => {
        post({ type: 'alerts', alerts: collector.closeAlerts() });
        alerted = true;
      };
      r.spilled = await collector.selectSpilled((tasks, budgetValues, fd) => {
        const { own, shared } = queueSpillTasks(tasks, budgetValues);
        const handOver: SpillHandOver = { fd, tasks: shared, next: new SharedArrayBuffer(4) };
        post({ type: 'ranks', pending: [], spilled: true, handOver: shared.length > 0 ? handOver : null });
        answered = true;
        sendAlerts();
        collector.takeBuckets(); // results work that needs no percentile, while the calling thread claims series
        return (function* () {
          yield* own;
          yield* claimTasks(handOver);
        })();
      });
      if (!alerted) sendAlerts();
      if (!answered) post({ type: 'ranks', pending: r.spilled ? [] : collector.pendingRanks(), spilled: r.spilled !== null, handOver: null });
      return;
    }
    case 'finish': {
      const exact = r.spilled;
      if (exact) {
        for (const [k, v] of message.selected ?? []) exact.set(k, v);
        collector.completeSpilled(exact);
      }
      const { series } = collector.finish(exact ?? message.exact);
      // the aligned buckets (the bulk of the results) move to the calling thread instead of being copied
      const transfer = series.flatMap((x) => (x.buckets ? [x.buckets.means.buffer as ArrayBuffer, x.buckets.counts.buffer as ArrayBuffer] : []));
      port.postMessage({ type: 'results', series, issues: collector.issues } satisfies FromWorker, transfer);
      collector.close(); // after the results: the calling thread goes on while the spill file is released
      port.close(); // nothing more to do: the thread ends on its own
      return;
    }
  }
}

/** Messages are handled one after the other (a spill read-back awaits). */
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message)).catch((e: unknown) => {
    if (run) {
      run.collector.close();
      Atomics.store(run.control, FAILED, 1);
      for (let i = 0; i <= FAILED; i++) Atomics.notify(run.control, i);
    }
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) });
  });
});
