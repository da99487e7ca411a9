import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { TextDecoder } from 'node:util';
import { HostplanError } from '@hostplan/core';

/** What a PDH-CSV/TSV file declares in its header. */
export interface PdhWriterOptions {
  /** Counter paths, one per column, as perfmon writes them (`\\HOST\Object(Instance)\Counter`). */
  readonly paths: readonly string[];
  /** @defaultValue `'Coordinated Universal Time'` */
  readonly zoneName?: string;
  /** UTC minus local, in minutes (perfmon's sign). @defaultValue `0` */
  readonly biasMinutes?: number;
  /** @defaultValue `'csv'` */
  readonly variant?: 'csv' | 'tsv';
}

/** One row: a UTC time and one value per path (NaN for missing, written `" "`). */
export interface PdhRow {
  readonly timestampMs: number;
  readonly values: ArrayLike<number>;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/**
 * Formats a value as perfmon does: `.` decimals, shortest round-trip digits, an exponent with
 * sign and three digits (`1.6e-005`, MSVC style) below 1e-4 and from 1e17 up (C's `%g` rule), `" "` content (a space)
 * for a missing value. -0 is written `0`.
 *
 * @example
 * formatPdhValue(0.000016) // => '1.6e-005'
 */
export function formatPdhValue(value: number): string {
  if (value !== value) return ' ';
  if (!Number.isFinite(value)) throw new HostplanError('invalid-value', 'value', `expected a finite number or NaN, got ${value}`);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  // like C's %g: positional from 1e-4 up to the 17-digit precision, else an exponent
  if (abs >= 1e-4 && abs < 1e17) return String(value);
  const text = value.toExponential(); // shortest round-trip digits
  const e = text.indexOf('e');
  const sign = text[e + 1] === '-' ? '-' : '+';
  return `${text.slice(0, e)}e${sign}${text.slice(e + 2).padStart(3, '0')}`;
}

/**
 * Formats a UTC time as perfmon's local `MM/dd/yyyy HH:mm:ss.fff` for the given bias.
 *
 * @example
 * formatPdhTime(Date.UTC(2017, 8, 19, 4, 21, 39, 73), -330) // => '09/19/2017 09:51:39.073'
 */
export function formatPdhTime(timestampMs: number, biasMinutes: number): string {
  const d = new Date(timestampMs - biasMinutes * 60_000);
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${pad3(d.getUTCMilliseconds())}`;
}

/**
 * Writes PDH-CSV/TSV lines exactly as perfmon does: every cell double-quoted, header cell 0
 * `(PDH-CSV 4.0) (zone)(bias)`, `" "` for missing, CRLF line ends. Returns strings, so the
 * caller picks the sink (a file stream, a string, an encoder for a Windows code page).
 *
 * @example
 * const w = createPdhWriter({ paths: ['\\\\H\\Memory\\Available MBytes'], biasMinutes: 240, zoneName: 'Eastern Daylight Time' });
 * w.header() // => '"(PDH-CSV 4.0) (Eastern Daylight Time)(240)","\\\\H\\Memory\\Available MBytes"\r\n'
 * w.row(Date.UTC(2021, 8, 16, 11, 51, 58, 569), [512]) // => '"09/16/2021 07:51:58.569","512"\r\n'
 */
export function createPdhWriter(options: PdhWriterOptions): {
  /**
   * The header line: `"(PDH-CSV 4.0) (zone)(bias)"` then one quoted counter path per column, CRLF-terminated.
   *
   * @example
   * createPdhWriter({ paths: ['\\\\H\\Processor(_Total)\\% Processor Time'] }).header()
   * // => '"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\\\H\\Processor(_Total)\\% Processor Time"\r\n'
   */
  header(): string;
  /**
   * One data line: the UTC time `timestampMs` (ms since the epoch) in the writer's local time, then
   * one value per path (NaN written `" "`). Throws `invalid-value` unless there is exactly one value per path.
   *
   * @example
   * createPdhWriter({ paths: ['\\\\H\\Memory\\Available MBytes'] }).row(Date.UTC(2021, 0, 1), [NaN])
   * // => '"01/01/2021 00:00:00.000"," "\r\n'
   */
  row(timestampMs: number, values: ArrayLike<number>): string;
} {
  const bias = options.biasMinutes ?? 0;
  const zone = options.zoneName ?? 'Coordinated Universal Time';
  const tsv = options.variant === 'tsv';
  const sep = tsv ? '"\t"' : '","';
  const columns = options.paths.length;
  for (const [i, p] of options.paths.entries()) {
    if (p.includes('"') || /[\r\n]/.test(p)) throw new HostplanError('invalid-value', `paths[${i}]`, `a counter path cannot hold quotes or line breaks, got ${JSON.stringify(p)}`);
  }
  return {
    header: () => `"(PDH-${tsv ? 'TSV' : 'CSV'} 4.0) (${zone})(${bias})${sep}${options.paths.join(sep)}"\r\n`,
    row(timestampMs, values) {
      if (values.length !== columns) throw new HostplanError('invalid-value', 'values', `expected ${columns} values, got ${values.length}`);
      let line = `"${formatPdhTime(timestampMs, bias)}`;
      for (let i = 0; i < columns; i++) line += sep + formatPdhValue(values[i]!);
      return line + '"\r\n';
    },
  };
}

/**
 * A whole PDH-CSV/TSV text from rows in memory (tests, sample data).
 *
 * @example
 * writePdhCsv([{ timestampMs: 0, values: [NaN] }], { paths: ['\\\\H\\Processor(_Total)\\% Processor Time'] })
 * // => '"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\\\H\\Processor(_Total)\\% Processor Time"\r\n"01/01/1970 00:00:00.000"," "\r\n'
 */
export function writePdhCsv(rows: Iterable<PdhRow>, options: PdhWriterOptions): string {
  const w = createPdhWriter(options);
  let out = w.header();
  for (const r of rows) out += w.row(r.timestampMs, r.values);
  return out;
}

/**
 * Streams rows to a PDH-CSV/TSV file (UTF-8 unless `encoding` names a single-byte Windows
 * code page or UTF-16), respecting back-pressure; for large generated logs. Returns bytes written.
 *
 * @example
 * await writePdhCsvFile('.bench/host.csv', rowsGenerator(), { paths });
 */
export async function writePdhCsvFile(
  path: string,
  rows: Iterable<PdhRow> | AsyncIterable<PdhRow>,
  options: PdhWriterOptions & { readonly encoding?: string },
): Promise<number> {
  const w = createPdhWriter(options);
  const out = createWriteStream(path);
  const encoding = options.encoding ?? 'utf-8';
  let bytes = 0;
  let pending = w.header();
  const flush = async () => {
    const buf = encodePdhText(pending, encoding, bytes === 0);
    pending = '';
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  try {
    for await (const r of rows) {
      pending += w.row(r.timestampMs, r.values);
      if (pending.length >= 1 << 20) await flush();
    }
    await flush();
  } finally {
    out.end();
    await once(out, 'close');
  }
  return bytes;
}

const singleByteTables = new Map<string, Map<string, number>>();

/**
 * Encodes text for a PDH file: UTF-8, UTF-16LE/BE (with a BOM at the start), or a single-byte
 * code page (`windows-1252`, `windows-1251`...) through the inverse of Node's TextDecoder table.
 * Throws when a character has no byte in that code page.
 *
 * @example
 * encodePdhText('Процесс', 'windows-1251', false) // => <Buffer cf f0 ee f6 e5 f1 f1>
 */
export function encodePdhText(text: string, encoding: string, atStart: boolean): Buffer {
  const label = new TextDecoder(encoding).encoding;
  if (label === 'utf-8') return Buffer.from(text, 'utf8');
  if (label === 'utf-16le' || label === 'utf-16be') {
    const body = Buffer.from((atStart ? '\ufeff' : '') + text, 'utf16le');
    return label === 'utf-16be' ? body.swap16() : body;
  }
  let table = singleByteTables.get(label);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(label);
    for (let b = 255; b >= 0; b--) table.set(decoder.decode(Uint8Array.of(b)), b);
    singleByteTables.set(label, table);
  }
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (const ch of text) {
    const b = table.get(ch);
    if (b === undefined) throw new HostplanError('invalid-value', 'text', `${JSON.stringify(ch)} has no byte in ${label}`);
    out[n++] = b;
  }
  return out.subarray(0, n);
}
