import type { ReadEvent, ReadIssue, SeriesKey, SeriesSink } from '../../series/types.js';

/** A message from a reader worker: series and issues one by one, samples in batches. */
export type WorkerMessage =
  | { readonly type: 'series'; readonly index: number; readonly key: SeriesKey }
  /** Flat triples (index, timestampMs, value), NaN kept. */
  | { readonly type: 'samples'; readonly batch: Float64Array; readonly length: number }
  | { readonly type: 'issue'; readonly issue: ReadIssue }
  | { readonly type: 'event'; readonly event: ReadEvent }
  | { readonly type: 'progress'; readonly bytesDone: number; readonly bytesTotal: number; readonly rate: number; readonly secondsLeft: number }
  | { readonly type: 'done'; readonly summary: unknown; readonly result?: unknown }
  | { readonly type: 'error'; readonly code: string | null; readonly path: string; readonly message: string };

/** A job for a reader worker. `sinkModule`: build the sink inside the worker (see readPerfFilesInWorkers). */
export interface WorkerJob {
  readonly type: 'job';
  readonly path: string;
  readonly fileIndex: number;
  readonly options: Record<string, unknown>;
  readonly sinkModule?: { readonly url: string; readonly exportName: string };
}

/** Sample batches a worker may have in flight before it waits for the reader's acknowledgements. */
export const MAX_BATCHES_IN_FLIGHT = 8;

/**
 * A sink that serialises what it receives into {@link WorkerMessage}s: samples go into a
 * Float64Array of `batchSamples` triples that is transferred (not copied) when full, and
 * flushed before any other message so the receiver sees the same order of calls.
 */
export function createBatchSink(post: (message: WorkerMessage, transfer?: ArrayBuffer[]) => void, batchSamples = 65_536): SeriesSink & { flush(): void } {
  let batch = new Float64Array(batchSamples * 3);
  let n = 0;
  const flush = () => {
    if (n === 0) return;
    post({ type: 'samples', batch, length: n }, [batch.buffer as ArrayBuffer]);
    batch = new Float64Array(batchSamples * 3);
    n = 0;
  };
  return {
    series(index, key) {
      flush();
      post({ type: 'series', index, key });
    },
    sample(index, timestampMs, value) {
      batch[n++] = index;
      batch[n++] = timestampMs;
      batch[n++] = value;
      if (n === batch.length) flush();
    },
    issue(issue) {
      flush();
      post({ type: 'issue', issue });
    },
    event(event) {
      flush();
      post({ type: 'event', event });
    },
    flush,
  };
}

/** Replays one {@link WorkerMessage} into a sink (the receiving side of {@link createBatchSink}). */
export function replayMessage(message: WorkerMessage, sink: SeriesSink): void {
  switch (message.type) {
    case 'series':
      sink.series(message.index, message.key);
      return;
    case 'samples': {
      const b = message.batch;
      for (let i = 0; i < message.length; i += 3) sink.sample(b[i]!, b[i + 1]!, b[i + 2]!);
      return;
    }
    case 'issue':
      sink.issue?.(message.issue);
      return;
    case 'event':
      sink.event?.(message.event);
      return;
    default:
      return;
  }
}
