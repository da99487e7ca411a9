import { open } from 'node:fs/promises';
import { HostplanError } from '@hostplan/core';

/**
 * Largest hosts, VMs, policy or inventory file read: 32 MiB, about 600,000 VMs in CSV. Files
 * are parsed whole, at about 28 bytes of memory per byte of CSV (a 60 MB VMs CSV took 1.7 GB).
 */
export const INVENTORY_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The bytes of an input file, refused with a `parse-error` naming the file when it is larger
 * than `maxBytes` (checked before reading: a huge or endless file costs no memory).
 *
 * @example
 * await readInputFile('/tmp/vms.csv', 'vms.csv') // => <Buffer ...>
 */
export async function readInputFile(path: string, file: string, maxBytes = INVENTORY_MAX_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    // read to the end or one byte past the limit, whatever stat says (pipes and /dev files say 0)
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    throw new HostplanError('parse-error', file, `the file has more than ${maxBytes} bytes (${Math.round(maxBytes / 1048576)} MiB), the most an input file may have (about 600,000 VMs in CSV); split it`, `at most ${maxBytes} bytes`, total);
  } finally {
    await handle.close();
  }
}

/**
 * Byte offset of the first byte that breaks UTF-8 (a stray continuation byte, a lead byte
 * without its continuations, an overlong or surrogate form), or -1 when `bytes` are UTF-8.
 *
 * @example
 * firstInvalidUtf8(Buffer.from('caf\xe9', 'latin1')) // => 3
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // find where, below
  }
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const c1 = bytes[i + 1]!;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += n;
  }
  return -1;
}

/**
 * Line and column (1-based, in characters) of a byte offset, for messages.
 *
 * @example
 * byteLineColumn(Buffer.from('a,b\ncaf\xe9', 'latin1'), 7) // => { line: 2, column: 4 }
 */
export function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(start, offset));
  return { line, column: before.length + 1 };
}

/**
 * UTF-8 text of a file (a UTF-8 byte-order mark dropped), or a `parse-error` at the first byte
 * that is not UTF-8, saying which byte and what to do: never U+FFFD replacement characters in
 * names and units.
 *
 * @example
 * decodeUtf8Strict(Buffer.from('id\nweb\n'), 'vms.csv') // => 'id\nweb\n'
 * decodeUtf8Strict(Buffer.from('id\ncaf\xe9\n', 'latin1'), 'vms.csv') // throws 'vms.csv:2:4: the file is not UTF-8 ...'
 */
export function decodeUtf8Strict(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = byteLineColumn(bytes, bad);
    throw new HostplanError(
      'parse-error',
      `${file}:${at.line}:${at.column}`,
      `the file is not UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}): save it as UTF-8 (it may be Latin-1 or Windows-1252, as older Windows tools write)`,
      'UTF-8 text',
      undefined,
    );
  }
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** Windows-1252 characters of bytes 0x80-0x9F (five bytes are unassigned and stay as C1 controls). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 text of bytes (Node's TextDecoder reads this label as Latin-1, which turns
 * 0x80 into U+0080 instead of the euro sign).
 *
 * @example
 * decodeWindows1252(Uint8Array.of(0x80, 0xe9)) // => '€é'
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
