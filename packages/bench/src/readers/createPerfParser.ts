import { TextDecoder } from 'node:util';
import { HostplanError } from '@hostplan/core';
import type { SeriesSink } from '../series/types.js';
import type { ReadOptions, ReadSummary } from './types.js';
import { ReadContext } from './_internals/context.js';
import { createCsvParser } from './_internals/csvParser.js';
import { detectFormat } from './_internals/detectFormat.js';
import { chooseEncoding, type EncodingChoice } from './_internals/encoding.js';
import type { FormatParser } from './_internals/formatParser.js';
import { LineSplitter } from './_internals/lines.js';
import { notPerfLog } from './_internals/notPerfLog.js';
import { isUtcBias, PERF_BIAS_RANGE } from './_internals/pdhTime.js';
import { createPdhParser, type PdhFormatParser } from './_internals/pdhParser.js';
import { createSarParser } from './_internals/sarParser.js';

/** A push parser: feed it chunks of a file in order, then call `end()` for the summary. */
export interface PerfParser {
  /** Parses the next chunk (any size; lines may span chunks). Synchronous. */
  push(chunk: Uint8Array): void;
  /** Flushes the last line and returns the summary. */
  end(): ReadSummary;
  /** Bytes pushed so far. */
  readonly bytes: number;
}

const SNIFF_LIMIT = 1 << 20;
/** The default `maxLineBytes`. */
export const MAX_LINE_BYTES = 64 << 20;
const MAX_SERIES = 100_000;
const EXPECTED = 'expected perfmon PDH-CSV/TSV, sysstat sadf -d or CSV text';

/**
 * Creates a streaming parser that detects encoding and format from the first line, then sends
 * series, samples and issues to `sink`. Memory grows with the number of series, not samples.
 * The same bytes always give the same calls in the same order, so a second pass is exact.
 *
 * @example
 * const parser = createPerfParser(sink, { file: 'host1.csv' });
 * parser.push(chunk1); parser.push(chunk2);
 * const summary = parser.end(); // summary.format => 'pdh'
 */
export function createPerfParser(sink: SeriesSink, options: ReadOptions = {}): PerfParser {
  const p = openPerfParser(sink, options);
  return {
    get bytes() {
      return p.bytes;
    },
    push: p.push,
    end: p.end,
  };
}

/**
 * A {@link PerfParser} with the internals a parallel read needs after the header: not public.
 * Once {@link pdhRows} is not null, rows may be replayed into it, lines pushed to its
 * splitter, and the read ended with {@link endAt}.
 */
export interface PerfParserInternals extends PerfParser {
  readonly ctx: ReadContext;
  /** The line splitter, once the first line was read. */
  readonly splitter: LineSplitter | null;
  /** The PDH parser, when the format is PDH, its header was read and the bytes are scanned as they are (not transcoded). */
  pdh(): PdhFormatParser | null;
  /** Ends the read as `end()` does, reporting `bytesTotal` bytes read. */
  endAt(bytesTotal: number): ReadSummary;
  /**
   * Two buffers of `chunkBytes` to read the next chunks into, once a PDH log's header was read
   * (its rows are then scanned where they lie, not copied: PdhRowScanner.readBuffers); null
   * before, for other formats and for transcoded bytes.
   */
  readBuffers(chunkBytes: number): readonly [Buffer, Buffer] | null;
}

/**
 * {@link createPerfParser} with its internals (for the parallel read). With
 * `pauseAfterPdhHeader`, a PDH log's line splitter stops after the header line
 * (`splitter.unread` bytes of that push left unread) and `pdh()` is not null from then on.
 */
export function openPerfParser(sink: SeriesSink, options: ReadOptions = {}, pauseAfterPdhHeader = false): PerfParserInternals {
  const started = performance.now();
  const file = options.file ?? '<text>';
  if (options.timeZoneBiasMinutes !== undefined && !isUtcBias(options.timeZoneBiasMinutes)) {
    throw new HostplanError('invalid-value', 'timeZoneBiasMinutes', `expected a whole number of minutes in ${PERF_BIAS_RANGE} (UTC minus local), got ${options.timeZoneBiasMinutes}`, PERF_BIAS_RANGE, options.timeZoneBiasMinutes);
  }
  const ctx = new ReadContext(file, sink, options.strict ?? false, options.maxIssues ?? 200, options.maxSeries ?? MAX_SERIES);
  let bytes = 0;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let splitter: LineSplitter | null = null;
  let transcoder: TextDecoder | null = null;
  let parser: FormatParser | null = null;
  let pdhParser: PdhFormatParser | null = null;

  function start(): void {
    const all = concat(head, headLength);
    head = [];
    let choice: EncodingChoice;
    try {
      choice = chooseEncoding(all, options.encoding ?? 'auto', options.fallbackEncoding ?? 'windows-1252');
    } catch {
      throw new HostplanError('invalid-value', 'encoding', `unknown encoding ${JSON.stringify(options.encoding)}; expected a WHATWG label such as utf-8, utf-16le, windows-1252, windows-1251`);
    }
    ctx.encoding = choice.encoding;
    let body = all.subarray(choice.bomLength);
    if (choice.transcode) {
      transcoder = new TextDecoder(choice.encoding, { ignoreBOM: true });
      body = Buffer.from(transcoder.decode(body, { stream: true }), 'utf8');
    }
    const decoder = new TextDecoder(choice.transcode ? 'utf-8' : choice.encoding);
    const nl = body.indexOf(10);
    const firstLine = decoder.decode(body.subarray(0, nl < 0 ? body.length : nl));
    const binary = notPerfLog(all, body);
    if (binary) throw new HostplanError('parse-error', `${file}:${binary.line}:${binary.column}`, `not a perf log: ${binary.reason}; ${EXPECTED}`);
    ({ parser, pdh: pdhParser } = formatParser(ctx, decoder, options, firstLine));
    splitter = lineSplitter(parser, options, file);
    if (pauseAfterPdhHeader && pdhParser && !transcoder) {
      const pdh = pdhParser;
      splitter.pauseWhen = () => pdh.rows !== null;
    }
    splitter.push(body);
  }

  function endAt(bytesTotal: number): ReadSummary {
    if (bytesTotal === 0) throw new HostplanError('parse-error', `${file}:1:1`, `not a perf log: the file is empty; ${EXPECTED}`);
    if (!splitter) start();
    if (transcoder) {
      const rest = transcoder.decode();
      if (rest) splitter!.push(Buffer.from(rest, 'utf8'));
    }
    splitter!.end();
    parser!.end();
    ctx.finish();
    return ctx.summary(bytesTotal, performance.now() - started);
  }

  /** The PDH parser once its header was read, for bytes scanned as they are (not transcoded). */
  const pdh = () => (pdhParser?.rows && !transcoder ? pdhParser : null);

  return {
    ctx,
    get splitter() {
      return splitter;
    },
    pdh,
    readBuffers: (chunkBytes) => pdh()?.rows?.readBuffers(chunkBytes) ?? null,
    endAt,
    get bytes() {
      return bytes;
    },
    push(chunk) {
      bytes += chunk.length;
      if (splitter) {
        splitter.push(transcoder ? Buffer.from(transcoder.decode(chunk, { stream: true }), 'utf8') : chunk);
        return;
      }
      head.push(Uint8Array.prototype.slice.call(chunk)); // a copy: callers reuse their buffer
      headLength += chunk.length;
      if (chunk.indexOf(10) >= 0 || headLength >= SNIFF_LIMIT) start();
    },
    end: () => endAt(bytes),
  };
}

/** The parser of the log's format (`options.format`, else detected from its first line); `pdh` when it is PDH. */
function formatParser(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions, firstLine: string): { parser: FormatParser; pdh: PdhFormatParser | null } {
  const format = options.format === undefined || options.format === 'auto' ? detectFormat(firstLine) : options.format;
  ctx.format = format;
  if (format === 'pdh') {
    const separator = /^"?\(PDH-TSV/.test(firstLine.trimStart()) || (firstLine.includes('\t') && !firstLine.includes('","')) ? 9 : 44;
    const pdh = createPdhParser(ctx, decoder, options, separator);
    return { parser: pdh, pdh };
  }
  return { parser: format === 'sar' ? createSarParser(ctx, decoder, options) : createCsvParser(ctx, decoder, options), pdh: null };
}

/** The line splitter feeding `parser`, refusing a line longer than `maxLineBytes` at its file:line. */
function lineSplitter(parser: FormatParser, options: ReadOptions, file: string): LineSplitter {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  return new LineSplitter((buf, s, e, lineNo, complete) => parser.line(buf, s, e, lineNo, complete), maxLineBytes, (lineNo, length) => {
    throw new HostplanError('parse-error', `${file}:${lineNo}:1`, `line ${lineNo} is longer than ${maxLineBytes} bytes (maxLineBytes) without a line break (${length} bytes so far): not a perf log, or a value without a line break; ${EXPECTED}`);
  });
}

function concat(parts: Uint8Array[], length: number): Buffer {
  if (parts.length === 1 && Buffer.isBuffer(parts[0])) return parts[0];
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
