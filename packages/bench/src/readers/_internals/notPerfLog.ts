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

/** Why the file is not a perf log, and where (line 1). */
export interface NotPerfLog {
  readonly column: number;
  readonly reason: string;
}

/**
 * Tells a file that cannot be a perf log from its first bytes (`head`, as read) and its
 * first line (decoded): a compressed or binary signature, or a control character (NUL
 * included) in the first line, which no PDH, sadf or CSV header holds. Returns null for text.
 */
export function notPerfLog(head: Uint8Array, firstLine: string): NotPerfLog | null {
  for (const [bytes, what] of MAGIC) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return { column: 1, reason: what };
  }
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine.charCodeAt(i);
    // tab, form feed, carriage return and DOS end-of-file (0x1a) occur in text; other controls do not
    if ((c < 0x20 && c !== 9 && c !== 12 && c !== 13 && c !== 0x1a) || c === 0x7f) {
      return { column: i + 1, reason: `binary data (control character 0x${c.toString(16).padStart(2, '0')} in the first line)` };
    }
  }
  return null;
}
