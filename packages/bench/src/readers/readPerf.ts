import { open } from 'node:fs/promises';
import type { ReadProgress, SeriesSink } from '../series/types.js';
import { createPerfParser } from './createPerfParser.js';
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
 * memory stays flat whatever the file size.
 * Reading the same file twice gives the same calls in the same order (exact statistics may
 * need two passes).
 *
 * @example
 * const summary = await readPerfFile('host1.csv', sink, { onProgress: (p) => bar.update(p.bytesDone / p.bytesTotal) });
 * summary.rows // => 5760
 */
export async function readPerfFile(path: string, sink: SeriesSink, options: ReadOptions = {}): Promise<ReadSummary> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const file = options.file ?? path;
    const parser = createPerfParser(sink, { ...options, file });
    const progress = progressReporter(file, size, options);
    // two buffers: the next chunk is read while this one is parsed
    const chunk = Math.max(4096, options.chunkBytes ?? 1 << 20);
    const buffers = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)];
    const readInto = (buffer: Buffer) => {
      const p = handle.read(buffer, 0, chunk, null);
      p.catch(() => {}); // awaited below; not unhandled if parsing throws first
      return p;
    };
    let next = readInto(buffers[0]!);
    for (let turn = 0; ; turn ^= 1) {
      options.signal?.throwIfAborted();
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) break;
      next = readInto(buffers[turn ^ 1]!);
      parser.push(buffer.subarray(0, bytesRead));
      progress(parser.bytes, false);
    }
    const summary = parser.end();
    progress(parser.bytes, true);
    return summary;
  } finally {
    await handle.close();
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
