import { HostplanError } from '@hostplan/core';
import { parse } from 'csv-parse/sync';
import { checkUniqueHeader } from '../load.js';
import { byteLineColumn, decodeWindows1252, firstInvalidUtf8 } from '../textEncoding.js';

/** A delimited file as a header and rows, each row with its 1-based line number. */
export interface InventoryTable {
  readonly header: string[];
  /** 1-based line of the header. */
  readonly headerLine: number;
  readonly rows: { readonly line: number; readonly cells: string[] }[];
  /** The `#TYPE ...` line of PowerShell's Export-Csv, when present. */
  readonly typeLine?: string;
  readonly delimiter: string;
}

/** The text of an inventory file and the encoding it was read in. */
export interface InventoryText {
  readonly text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, or `windows-1252` for bytes that are not UTF-8. */
  readonly encoding: string;
  /** Where the first byte that is not UTF-8 is, when the text was read as Windows-1252. */
  readonly notUtf8At?: { readonly line: number; readonly column: number };
}

/**
 * Text of a file's bytes and its encoding: UTF-16 (LE or BE) and UTF-8 by their byte-order
 * marks; else UTF-8 when the bytes are UTF-8 (PowerShell 7 and RVTools write UTF-8; Windows
 * PowerShell's Export-Csv ASCII, a subset); else Windows-1252 (Excel's "CSV" on Western
 * Windows), said in `encoding` so that the import can list it: never U+FFFD replacements
 * (UTF-16 that does not decode is a `parse-error` naming `file`).
 *
 * @example
 * decodeInventoryBytes(Buffer.from('VM\ncaf\xe9\n', 'latin1')) // => { text: 'VM\ncafé\n', encoding: 'windows-1252', notUtf8At: { line: 2, column: 4 } }
 */
export function decodeInventoryBytes(bytes: Uint8Array, file = 'inventory'): InventoryText {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2)), encoding: utf16 };
    } catch {
      throw new HostplanError('parse-error', `${file}:1:1`, `the file starts with a ${utf16.toUpperCase()} byte-order mark but is not valid ${utf16.toUpperCase()} (an odd byte count or a lone surrogate); save it again as UTF-8 or UTF-16`, utf16, undefined);
    }
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', notUtf8At: byteLineColumn(bytes, bad) };
}

/**
 * Text of a file's bytes, as {@link decodeInventoryBytes} reads them.
 *
 * @example
 * decodeInventoryText(Buffer.from([0xff, 0xfe, 0x41, 0x00])) // => 'A'
 */
export function decodeInventoryText(bytes: Uint8Array): string {
  return decodeInventoryBytes(bytes).text;
}

/**
 * The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes.
 *
 * @example
 * detectInventoryDelimiter('vInfoVMName;vInfoCPUs;vInfoMemory') // => ';'
 */
export function detectInventoryDelimiter(line: string): string {
  const outside = line.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, outside.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Splits delimited text into a header and rows with their line numbers, skipping a leading
 * `#TYPE` line (PowerShell) and blank lines. A malformed record is a {@link HostplanError}
 * naming `file:line`.
 *
 * @example
 * readInventoryTable('#TYPE X\n"Name","State"\n"a","Off"\n', 'vms.csv').rows[0] // => { line: 3, cells: ['a', 'Off'] }
 */
export function readInventoryTable(text: string, file: string): InventoryTable {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  const typeLine = /^#TYPE\s/i.test(lines[first] ?? '') ? lines[first]!.trim() : undefined;
  const headerIndex = typeLine ? first + 1 : first;
  const headerText = lines[headerIndex];
  if (headerText === undefined || headerText.trim() === '') {
    throw new HostplanError('parse-error', `${file}:${headerIndex + 1}`, 'expected a header row of column names', 'a header row', '');
  }
  const delimiter = detectInventoryDelimiter(headerText);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { from_line: headerIndex + 1, delimiter, info: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new HostplanError('parse-error', `${file}:${err.lines ?? headerIndex + 1}`, `invalid CSV: ${err.message}`, 'CSV', undefined);
  }
  const [head, ...body] = records;
  const header = (head?.record ?? []).map((h) => h.trim());
  checkUniqueHeader(header, file, head?.info.lines ?? headerIndex + 1);
  const rows = body.map(({ record, info }) => ({ line: info.lines, cells: record }));
  for (const r of rows) {
    if (r.cells.length !== header.length && !(r.cells.length === 1 && r.cells[0]!.trim() === '')) {
      throw new HostplanError('parse-error', `${file}:${r.line}:${Math.min(r.cells.length, header.length) + 1}`, `expected ${header.length} cells as in the header, got ${r.cells.length}`, `${header.length} cells`, r.cells.length);
    }
  }
  return { header, headerLine: head?.info.lines ?? headerIndex + 1, rows: rows.filter((r) => r.cells.length === header.length), delimiter, ...(typeLine && { typeLine }) };
}
