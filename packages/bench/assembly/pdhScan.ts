// AssemblyScript: the common PDH row (`"time","1.5"," ",""...`) parsed in WebAssembly.
// Compiled by `npm run wasm` (scripts/wasm.mjs) into src/readers/_internals/pdhScanWasm.generated.ts
// (base64), run by src/readers/_internals/pdhRowScanner.ts. Same contract as pdhFastRow.ts
// scanPdhRow, with one more way out: any row or value this code does not finish exactly is refused
// (NaN), and the JS side reads that row as it always did (scanPdhRow, then splitRow with its
// issues). The rows it accepts are rows scanPdhRow accepts, and their values equal `Number(text)`:
// - mantissa w < 2^53 with |k| <= 22 (value = w * 10^-k): one IEEE multiplication or division of
//   two exact doubles, correctly rounded (Clinger's fast path, as parseNumber.ts);
// - w < 2^62 (up to 19 significant digits) with |k| <= 250: parseNumber.ts's double-double product
//   with its rounding check (`scaled`), on the same table of powers of ten (copied in by the JS side,
//   so the two cannot differ); whatever that check cannot decide is refused.
// wasm has no fused multiply-add contraction: the same f64 operations give the same bits as in JS.
//
// Parts: pdhNumber.ts (a cell's number), pdhTime.ts (the timestamp).
//
// Memory: SCALE_PTR the powers of ten (4 doubles per k, parseNumber.ts's SCALE, written by the JS
// side), MISSING_PTR the last accepted row's missing count (i32), ALIGN this module's swizzle table;
// from FREE_PTR on, the values and the row wherever the caller puts them. The byte at a row's end
// must be a stop byte (the caller writes a 0 there), with 128 readable bytes after it (the quotes are
// looked for 64 bytes at a time, a cell's digits 32 at a time).
import { cellValue, QUOTES, SCALE_PTR } from './pdhNumber';
import { parseTime } from './pdhTime';

export { SCALE_PTR };
/** Where an accepted row's missing-cell count is written (i32). */
export const MISSING_PTR: usize = memory.data(8, 8);
/** First byte free for the caller (rows, values). */
export const FREE_PTR: usize = (__heap_base + 15) & ~15;

const QUOTE: u32 = 34;
const SPACE: u32 = 32;

/** The quotes among the 64 bytes at `p`: bit i for byte p + i. */
@inline
function quoteMask(p: usize): u64 {
  const q = QUOTES;
  const a = <u64>i8x16.bitmask(i8x16.eq(v128.load(p), q));
  const b = <u64>i8x16.bitmask(i8x16.eq(v128.load(p, 16), q));
  const c = <u64>i8x16.bitmask(i8x16.eq(v128.load(p, 32), q));
  const d = <u64>i8x16.bitmask(i8x16.eq(v128.load(p, 48), q));
  return a | (b << 16) | (c << 32) | (d << 48);
}

/**
 * pdhFastRow.ts scanPdhRow for the row `[start, end)` (a 0 byte at `end`, 128 readable bytes
 * after it): `counters` values from `out` on (f64, NaN for `" "` and `""`), the missing count at
 * MISSING_PTR; returns the local time in ms, or NaN for a row it refuses (another shape, or a
 * value it does not finish exactly). The quotes are found first, 64 bytes at a time (a bit mask
 * walked with ctz), so that each cell's bounds are known before its bytes are read: cells do not
 * wait on each other.
 */
export function scanRow(start: usize, end: usize, separator: u32, counters: i32, out: usize): f64 {
  let base = start;
  let mask = quoteMask(base);
  if ((mask & 1) == 0) return NaN; // the row starts with a quote
  mask &= mask - 1;
  while (mask == 0) {
    base += 64;
    if (base >= end) return NaN;
    mask = quoteMask(base);
  }
  let close = base + <usize>ctz(mask);
  mask &= mask - 1;
  if (close >= end) return NaN;
  const localMs = parseTime(start + 1, close);
  if (localMs != localMs) return NaN;
  let missing: i32 = 0;
  for (let i: i32 = 0; i < counters; i++) {
    // the next two quotes: this cell's opening one (right after the separator) and closing one
    while (mask == 0) {
      base += 64;
      if (base >= end) return NaN;
      mask = quoteMask(base);
    }
    const open = base + <usize>ctz(mask);
    mask &= mask - 1;
    if (open != close + 2 || <u32>load<u8>(close + 1) != separator) return NaN;
    while (mask == 0) {
      base += 64;
      if (base >= end) return NaN;
      mask = quoteMask(base);
    }
    close = base + <usize>ctz(mask);
    mask &= mask - 1;
    const len = <i32>(close - open - 1);
    const at = out + (<usize>i << 3);
    if (len == 0 || (len == 1 && <u32>load<u8>(open + 1) == SPACE)) {
      store<f64>(at, NaN);
      missing++;
    } else {
      const v = cellValue(open + 1, len);
      if (v != v) return NaN;
      store<f64>(at, v);
    }
  }
  if (close + 1 != end) return NaN;
  store<i32>(MISSING_PTR, missing);
  return localMs;
}
