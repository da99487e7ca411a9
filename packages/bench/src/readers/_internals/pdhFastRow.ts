import { scanNumber, scanStop } from './parseNumber.js';
import { parsePdhTimeBytes } from './pdhTime.js';

const QUOTE = 34;
const SPACE = 32;

/** The missing-cell count of the last row {@link scanPdhRow} accepted (a second result without an allocation). */
export const pdhRowMissing = new Int32Array(1);

/**
 * The common PDH row in one pass, parsing numbers while finding the quotes:
 * `"time","1.5"," ",""...` with exactly `counters` value cells after the timestamp. Writes the
 * values to `out[at .. at + counters)` (`" "` and `""` as NaN), their missing count to
 * {@link pdhRowMissing}, and returns the local time in ms; returns NaN for any other shape (the
 * caller then splits the row and reports what is wrong). Imports only number and time parsing,
 * so that a parse worker starts fast.
 *
 * @example
 * const out = new Float64Array(1);
 * scanPdhRow(Buffer.from('"01/02/2024 00:00:00.000","512"'), 0, 31, 44, 1, out, 0) // => Date.UTC(2024, 0, 2); out[0] => 512
 */
export function scanPdhRow(buf: Uint8Array, start: number, end: number, separator: number, counters: number, out: Float64Array, at: number): number {
  if (buf[start] !== QUOTE) return NaN;
  let q = start + 1;
  while (q < end && buf[q] !== QUOTE) q++;
  if (q >= end) return NaN;
  const localMs = parsePdhTimeBytes(buf, start + 1, q);
  if (localMs !== localMs) return NaN;
  let pos = q + 1;
  let missing = 0;
  for (let i = 0; i < counters; i++) {
    if (pos + 2 >= end || buf[pos] !== separator || buf[pos + 1] !== QUOTE) return NaN;
    pos += 2;
    const c = buf[pos];
    if (c === QUOTE) {
      out[at + i] = NaN;
      missing++;
      pos++;
    } else if (c === SPACE && buf[pos + 1] === QUOTE) {
      out[at + i] = NaN;
      missing++;
      pos += 2;
    } else {
      const v = scanNumber(buf, pos, end);
      const stop = scanStop[0]!;
      if (v !== v || buf[stop] !== QUOTE) return NaN;
      out[at + i] = v;
      pos = stop + 1;
    }
  }
  if (pos !== end) return NaN;
  pdhRowMissing[0] = missing;
  return localMs;
}
