import type { TextDecoder } from 'node:util';
/** What the dispatcher feeds a format parser: lines of ASCII-compatible bytes (UTF-8 or a single-byte code page). */
export interface FormatParser {
  /** One line `[start, end)` without its line break; `complete` is false for a last line with no line break. */
  line(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void;
  /** After the last line. */
  end(): void;
}

/** Decodes a cell, undoing `""` escapes when the cell had them. */
export function cellText(decoder: TextDecoder, buf: Uint8Array, start: number, end: number, escaped: boolean): string {
  const text = decoder.decode(buf.subarray(start, end));
  return escaped ? text.replaceAll('""', '"') : text;
}

/** A short printable excerpt of bytes for messages. */
export function excerpt(decoder: TextDecoder, buf: Uint8Array, start: number, end: number): string {
  const text = decoder.decode(buf.subarray(start, Math.min(end, start + 40)));
  return JSON.stringify(end - start > 40 ? text + '...' : text);
}
