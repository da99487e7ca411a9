import { TextDecoder } from 'node:util';
/** The encoding decision for a byte stream. */
export interface EncodingChoice {
  /** WHATWG label of the source encoding. */
  readonly encoding: string;
  /** Bytes of byte-order mark to skip. */
  readonly bomLength: number;
  /** UTF-16 sources are transcoded to UTF-8 before scanning; others are scanned as they are. */
  readonly transcode: boolean;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Chooses the encoding of a file from its first bytes (`head`, ideally through the first line).
 * `requested` other than `auto` wins (a matching BOM is still skipped). Auto: BOM (UTF-8,
 * UTF-16LE, UTF-16BE), else UTF-16 by zero bytes in the first pair, else UTF-8 when the head is
 * valid UTF-8 (a multi-byte sequence cut at the end of `head` is tolerated), else `fallback`.
 *
 * @example
 * chooseEncoding(Uint8Array.of(0xff, 0xfe, 0x22, 0), 'auto', 'windows-1252') // => { encoding: 'utf-16le', bomLength: 2, transcode: true }
 */
export function chooseEncoding(head: Uint8Array, requested: string, fallback: string): EncodingChoice {
  const b0 = head[0];
  const b1 = head[1];
  const b2 = head[2];
  let bom: EncodingChoice | null = null;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) bom = { encoding: 'utf-8', bomLength: 3, transcode: false };
  else if (b0 === 0xff && b1 === 0xfe) bom = { encoding: 'utf-16le', bomLength: 2, transcode: true };
  else if (b0 === 0xfe && b1 === 0xff) bom = { encoding: 'utf-16be', bomLength: 2, transcode: true };
  if (requested !== 'auto') {
    const encoding = new TextDecoder(requested).encoding; // throws RangeError on an unknown label
    const transcode = encoding === 'utf-16le' || encoding === 'utf-16be';
    return { encoding, bomLength: bom && bom.encoding === encoding ? bom.bomLength : 0, transcode };
  }
  if (bom) return bom;
  if (head.length >= 2 && b0 !== 0 && b1 === 0) return { encoding: 'utf-16le', bomLength: 0, transcode: true };
  if (head.length >= 2 && b0 === 0 && b1 !== 0) return { encoding: 'utf-16be', bomLength: 0, transcode: true };
  let ascii = true;
  for (let i = 0; i < head.length; i++) if (head[i]! >= 0x80) { ascii = false; break; }
  if (ascii) return { encoding: 'utf-8', bomLength: 0, transcode: false };
  // drop a possibly cut multi-byte sequence at the end before validating
  let end = head.length;
  for (let k = 0; k < 3 && end > 0 && (head[end - 1]! & 0xc0) === 0x80; k++) end--;
  if (end > 0 && head[end - 1]! >= 0xc0) end--;
  if (isValidUtf8(head.subarray(0, end))) return { encoding: 'utf-8', bomLength: 0, transcode: false };
  return { encoding: new TextDecoder(fallback).encoding, bomLength: 0, transcode: false };
}
