import { byteLineColumn } from '../../inventory/textEncoding.js';

/** Signatures of compressed or binary files, by their first bytes. */
const MAGIC: readonly (readonly [readonly number[], string])[] = [
  [[0x1f, 0x8b], 'gzip-compressed data (decompress it first: gunzip)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data (decompress it first: unzstd)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data (decompress it first: unxz)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data (decompress it first: bunzip2)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (extract the log first)'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive (extract the log first)'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];

/** Why the file is not a perf log, and where. */
export interface NotPerfLog {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** Bytes of the text inspected for control characters. */
const WINDOW_BYTES = 64 * 1024;

/** Tab, line feed, form feed, carriage return and DOS end-of-file occur in text; other C0 controls and DEL do not. */
const isControl = (b: number) => (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 0x1a) || b === 0x7f;

/**
 * Tells a file that cannot be a perf log from its first bytes: `raw` as read (for compressed
 * and binary signatures) and `text`, the same bytes as ASCII-compatible text (after a
 * byte-order mark, UTF-16 transcoded to UTF-8). Refused: a signature; a control character in
 * the first line (no PDH, sadf or CSV header holds one); a NUL byte, or control characters in
 * more than 1 % of the first 64 KB (random or binary data whose first line happens to be
 * short or empty). Returns null for text.
 */
export function notPerfLog(raw: Uint8Array, text: Uint8Array): NotPerfLog | null {
  for (const [bytes, what] of MAGIC) {
    if (raw.length >= bytes.length && bytes.every((b, i) => raw[i] === b)) return { line: 1, column: 1, reason: what };
  }
  const n = Math.min(text.length, WINDOW_BYTES);
  let first = -1;
  let controls = 0;
  let nul = false;
  let inFirstLine = true;
  for (let i = 0; i < n; i++) {
    const b = text[i]!;
    if (b === 10) inFirstLine = false;
    if (!isControl(b)) continue;
    if (first < 0) first = i;
    controls++;
    nul ||= b === 0;
    if (inFirstLine) break;
  }
  if (first < 0) return null;
  const wholeLine = text.indexOf(10) < 0 || first < text.indexOf(10);
  if (!wholeLine && !nul && controls * 100 <= n) return null;
  const { line, column } = byteLineColumn(text, first);
  const code = `0x${text[first]!.toString(16).padStart(2, '0')}`;
  const reason = wholeLine
    ? `binary data (control character ${code} in the first line)`
    : `binary data (control character ${code}, the first of ${controls}${nul ? ' with a NUL among them' : ''} in the first ${n} bytes)`;
  return { line, column, reason };
}
