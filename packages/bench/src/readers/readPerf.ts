import { open, type FileHandle } from 'node:fs/promises';
import type { ReadProgress, SeriesSink } from '../series/types.js';
import { createPerfParser, MAX_LINE_BYTES, openPerfParser, type PerfParserInternals } from './createPerfParser.js';
import { PARALLEL_MIN_BYTES, RANGE_BYTES, readRowsInParallel, type ParallelTuning } from './parallel/readParallel.js';
import type { ReadOptions, ReadSummary } from './types.js';

/**
 * Reads perf counters from text or bytes already in memory (tests, small inputs). Synchronous.
 * A string is read as the text it is (`encoding` applies to bytes only).
 *
 * @example
 * const sink = { series: (i, key) => keys.push(key), sample: (i, t, v) => values.push(v) };
 * readPerfText('"(PDH-CSV 4.0) (UTC)(0)","\\\\H\\Memory\\Available MBytes"\r\n"01/02/2024 00:00:00.000","512"\r\n', sink);
 * // => { format: 'pdh', rows: 1, samples: 1, ... }; values => [512]
 */
export function readPerfText(text: string | Uint8Array, sink: SeriesSink, options: ReadOptions = {}): ReadSummary {
  // a string is already decoded: it is read as UTF-8 whatever `encoding` says
  const parser = createPerfParser(sink, typeof text === 'string' ? { ...options, encoding: 'utf-8' } : options);
  parser.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength));
  return parser.end();
}

/**
 * Reads perf counters from a stream of byte chunks (a `fs.ReadStream`, a web stream's reader,
 * a generator). `bytesTotal` (when known) feeds the progress estimate.
 *
 * @example
 * const summary = await readPerfStream(createReadStream('log.csv'), sink, { file: 'log.csv' });
 */
export async function readPerfStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  sink: SeriesSink,
  options: ReadOptions & { readonly bytesTotal?: number } = {},
): Promise<ReadSummary> {
  const parser = createPerfParser(sink, options);
  const progress = progressReporter(options.file ?? '<stream>', options.bytesTotal ?? 0, options);
  for await (const chunk of chunks) {
    options.signal?.throwIfAborted();
    parser.push(chunk);
    progress(parser.bytes, false);
  }
  const summary = parser.end();
  progress(parser.bytes, true);
  return summary;
}

/**
 * Reads a perf counter file (PDH-CSV/TSV, sysstat `sadf -d`, generic CSV) into `sink`, in
 * chunks of `chunkBytes` into two reused buffers (the next chunk is read while one is parsed):
 * memory stays flat whatever the file size. With `parseWorkers`, the rows of a PDH log over
 * 16 MiB are parsed on that many worker threads and replayed here in file order: the same
 * sink calls, issues, progress and summary. Reading the same file twice gives the same calls
 * in the same order (exact statistics may need two passes).
 *
 * @example
 * const summary = await readPerfFile('host1.csv', sink, { onProgress: (p) => bar.update(p.bytesDone / p.bytesTotal) });
 * summary.rows // => 5760
 */
export async function readPerfFile(path: string, sink: SeriesSink, options: ReadOptions = {}): Promise<ReadSummary> {
  return readPerfFileTuned(path, sink, options, defaultTuning(options));
}

/** The parallel read's tuning from `parseWorkers`, or null to read on the calling thread. */
function defaultTuning(options: ReadOptions): (ParallelTuning & { minBytes: number }) | null {
  const workers = options.parseWorkers ?? 0;
  if (!(workers >= 1)) return null;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  return { workers: Math.floor(workers), rangeBytes: RANGE_BYTES, inFlight: 2 * Math.floor(workers) + 1, longLineBytes: Math.min(maxLineBytes, 1 << 20), minBytes: PARALLEL_MIN_BYTES };
}

/**
 * {@link readPerfFile} with the parallel read's tuning given (tests cut tiny chunks and parse
 * them on the calling thread, `workers: 0`); `null` reads on the calling thread. Internal.
 *
 * @example
 * await readPerfFileTuned('log.csv', sink, {}, { workers: 2, rangeBytes: 64, inFlight: 3, longLineBytes: 256, minBytes: 0 });
 */
export async function readPerfFileTuned(path: string, sink: SeriesSink, options: ReadOptions, wanted: (ParallelTuning & { minBytes: number }) | null): Promise<ReadSummary> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    const size = stat.size;
    // a pipe or a device is read as a stream: no positions, no workers
    const regular = stat.isFile();
    const tuning = regular ? wanted : null;
    const file = options.file ?? path;
    const parser = openPerfParser(sink, { ...options, file }, tuning !== null);
    const progress = progressReporter(file, size, options);
    const chunk = Math.max(4096, options.chunkBytes ?? 1 << 20);
    const pushed = await pushChunks(handle, parser, regular ? 0 : null, chunk, options, progress, () => parser.splitter?.pauseWhen?.() === true);
    const splitter = parser.splitter;
    if (tuning && splitter?.pauseWhen && parser.pdh()) {
      // the header is read, and the rest of the last push left unread
      const bodyStart = pushed - splitter.unread;
      splitter.pauseWhen = null;
      if (size - bodyStart >= Math.max(1, tuning.minBytes)) {
        // progress where the sequential read reports it: at each push's end (`chunk` boundaries
        // and the file's end) once the lines ending before it were read; the header push's too
        let reported = Math.floor((pushed - 1) / chunk) * chunk;
        const advance = (offset: number) => {
          for (let next = Math.min(size, reported + chunk); next <= offset && next > reported; next = Math.min(size, reported + chunk)) progress((reported = next), false);
        };
        const summary = await readRowsInParallel(parser, handle.fd, size, bodyStart, chunk, tuning, advance, options.signal);
        progress(size, true);
        return summary;
      }
      // too little left for workers: the rest of that push, then on as usual
      const rest = Buffer.allocUnsafe(splitter.unread);
      await handle.read(rest, 0, rest.length, bodyStart);
      splitter.push(rest);
      progress(pushed, false);
    }
    await pushChunks(handle, parser, regular ? pushed : null, chunk, options, progress, () => false);
    const summary = parser.end();
    progress(parser.bytes, true);
    return summary;
  } finally {
    await handle.close();
  }
}

/**
 * Pushes the file from `position` on (null: from where it is, a pipe) in chunks of `chunk`
 * bytes into two reused buffers (the next chunk is read while one is parsed), until its end or
 * `stop()` says so after a push (whose progress is then left to the caller); returns the
 * position reached (for a file). Once the parser offers its own read buffers (a PDH log's
 * scanner, after the header), the chunks are read into those instead: its rows are then scanned
 * where the read put them, not copied.
 */
async function pushChunks(handle: FileHandle, parser: PerfParserInternals, from: number | null, chunk: number, options: ReadOptions, progress: (bytesDone: number, final: boolean) => void, stop: () => boolean): Promise<number> {
  let buffers: readonly Uint8Array[] = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)];
  let own = false;
  let position = from ?? 0;
  let at = position;
  const readInto = (buffer: Uint8Array) => {
    const p = handle.read(buffer, 0, chunk, from === null ? null : at);
    p.catch(() => {}); // awaited below; not unhandled if parsing throws first
    return p;
  };
  let next = readInto(buffers[0]!);
  for (let turn = 0; ; turn ^= 1) {
    options.signal?.throwIfAborted();
    const { bytesRead, buffer } = await next;
    if (bytesRead === 0) return position;
    at += bytesRead;
    next = readInto(buffers[turn ^ 1]!);
    parser.push(buffer.subarray(0, bytesRead));
    position += bytesRead;
    if (stop()) {
      // the caller reports this push's progress once the rest of it was read
      await next.catch(() => {}); // read ahead for nothing: the rest goes to the workers
      return position;
    }
    // the next read goes to buffers[turn] (this one, parsed): safe to swap both now
    if (!own) {
      const offered = parser.readBuffers(chunk);
      if (offered !== null) [buffers, own] = [offered, true];
    }
    progress(parser.bytes, false);
  }
}

/** Calls `onProgress` each `progressEveryBytes` and at the end, with rate and time left. */
function progressReporter(file: string, bytesTotal: number, options: ReadOptions): (bytesDone: number, final: boolean) => void {
  const onProgress = options.onProgress;
  if (!onProgress) return () => {};
  const every = options.progressEveryBytes ?? 8 << 20;
  const started = performance.now();
  let next = every;
  return (bytesDone, final) => {
    if (!final && bytesDone < next) return;
    next = bytesDone + every;
    const seconds = Math.max((performance.now() - started) / 1000, 1e-9);
    const rate = bytesDone / seconds;
    const total = Math.max(bytesTotal, bytesDone);
    const progress: ReadProgress = { file, bytesDone, bytesTotal: total, rate, secondsLeft: final ? 0 : (total - bytesDone) / Math.max(rate, 1) };
    onProgress(progress);
  };
}
