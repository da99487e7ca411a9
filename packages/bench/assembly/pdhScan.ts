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
// side), MISSING_PTR the missing count of the last row (i32, meaningful when the row is accepted),
// ALIGN this module's swizzle table, QUOTE_BITS the row's quotes (128 KiB: rows up to
// MAX_ROW_BYTES); from FREE_PTR on, the values and the row wherever the caller puts them. The byte
// at a row's end must be a stop byte (the caller writes a 0 there), with 128 readable bytes after it
// (the quotes are looked for 64 bytes at a time, from the row's start rounded down to 64, a cell's
// digits 32 at a time).
import { cellValue, QUOTES, SCALE_PTR } from './pdhNumber';
import { parseTime } from './pdhTime';

export { SCALE_PTR };
/** Where a row's missing-cell count is written (i32; counted as the row is read, so meaningful only when it is accepted). */
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

/** The longest row read here, in bytes: longer ones are refused (pdhRowScanner.ts sends rows over 1 MiB to the JS scanner too). */
const MAX_ROW_BYTES: usize = 1 << 20;
/**
 * The row's quotes, one bit per byte (byte a's bit: bit a & 7 of the byte at `bits + (a >> 3)`, with
 * `bits` set per row by {@link scanRow}), from the row's start rounded down to 64 on (the bits before
 * the start are never read), none from its end on; 24 zero bytes after them.
 */
const QUOTE_BITS: usize = memory.data(<i32>(MAX_ROW_BYTES >> 3) + 8 + 24, 16);

/** The first quote at or after `p` (a cell longer than about 54 bytes), from the quote bits at `bits`; 0 when there is none before `end`. */
function nextQuoteFar(bits: usize, p: usize, end: usize): usize {
  let b = <u32>load<u8>(bits + (p >> 3)) >> <u32>(p & 7);
  if (b != 0) return p + <usize>ctz(b);
  for (let q = (p | 7) + 1; q < end; q += 8) {
    b = <u32>load<u8>(bits + (q >> 3));
    if (b != 0) return q + <usize>ctz(b);
  }
  return 0;
}

/**
 * pdhFastRow.ts scanPdhRow for the row `[start, end)` (a 0 byte at `end`, 128 readable bytes
 * after it): `counters` values from `out` on (f64, NaN for `" "` and `""`), the missing count at
 * MISSING_PTR; returns the local time in ms, or NaN for a row it refuses (another shape, or a
 * value it does not finish exactly). The row's quotes are found first, 64 bytes at a time, into
 * QUOTE_BITS; then each cell's closing quote is the first quote bit after the separator and the
 * opening quote that follow the previous one (one load, a shift and a ctz: no branch where the
 * 64-byte masks run out), so that each cell's bounds are known before its bytes are read: cells
 * do not wait on each other. A quote inside a cell is refused with the cell (not a number).
 */
export function scanRow(start: usize, end: usize, separator: u32, counters: i32, out: usize): f64 {
  if (end - start > MAX_ROW_BYTES || <u32>load<u8>(start) != QUOTE) return NaN;
  const first = start & ~63;
  let w = QUOTE_BITS;
  let p = first;
  let m = quoteMask(p);
  for (; p + 64 < end; p += 64, w += 8) {
    store<u64>(w, m);
    m = quoteMask(p + 64);
  }
  store<u64>(w, m & (<u64>-1 >> <u64>(64 - (end - p))));
  store<u64>(w, 0, 8);
  store<u64>(w, 0, 16);
  const bits = QUOTE_BITS - (first >> 3);
  // the time: up to the first quote after the row's
  let b = load<u64>(bits + (start >> 3)) >> <u64>((start & 7) + 1);
  let close = b != 0 ? start + 1 + <usize>ctz(b) : nextQuoteFar(bits, start + 1, end);
  if (close == 0) return NaN;
  const localMs = parseTime(start + 1, close);
  if (localMs != localMs) return NaN;
  const boundary = separator | (QUOTE << 8);
  // few variables live across the cell loop (V8 keeps the others on the stack): no cell index, the
  // missing count in memory
  store<i32>(MISSING_PTR, 0);
  for (let at = out, outEnd = out + (<usize>counters << 3); at < outEnd; at += 8) {
    // the separator and the opening quote right after the last closing one, then the next quote
    if (<u32>load<u16>(close + 1) != boundary) return NaN;
    const s = close + 3;
    b = load<u64>(bits + (close >> 3)) >> <u64>((close & 7) + 3);
    close = b != 0 ? s + <usize>ctz(b) : nextQuoteFar(bits, s, end);
    if (close == 0) return NaN;
    const len = <i32>(close - s);
    const v = cellValue(s, len);
    if (v != v) {
      // a blank cell (`""` or `" "`: NaN) is a missing value; any other NaN refuses the row
      if (len != 0 && (len != 1 || <u32>load<u8>(s) != SPACE)) return NaN;
      store<i32>(MISSING_PTR, load<i32>(MISSING_PTR) + 1);
    }
    store<f64>(at, v);
  }
  if (close + 1 != end) return NaN;
  return localMs;
}
