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
// Memory: SCALE_PTR the powers of ten (4 doubles per k, parseNumber.ts's SCALE, written by the JS
// side), MISSING_PTR the last accepted row's missing count (i32), ALIGN this module's swizzle table;
// from FREE_PTR on, the values and the row wherever the caller puts them. The byte at a row's end
// must be a stop byte (the caller writes a 0 there), with 128 readable bytes after it (the quotes are
// looked for 64 bytes at a time, a cell's digits 32 at a time).

/** Where the JS side copies parseNumber.ts's SCALE table (4 * 501 doubles). */
export const SCALE_PTR: usize = memory.data(4 * 501 * 8, 16);
/** Where an accepted row's missing-cell count is written (i32). */
export const MISSING_PTR: usize = memory.data(8, 8);
/**
 * Swizzles that right-align a window's digits, dropping its '.': 16 bytes for each length 0..16
 * (bytes of the window read) and '.' position -1..15 (-1: none); filled by {@link fillAlign}.
 */
const ALIGN: usize = memory.data(17 * 17 * 16, 16);

/** Fills {@link ALIGN}: lane j of (len, dot) takes the window's byte of digit j - (16 - digits), 0x80 (zero) below. */
function fillAlign(): void {
  for (let len = 0; len <= 16; len++) {
    for (let dot = -1; dot < 16; dot++) {
      const p = ALIGN + <usize>((len * 17 + dot + 1) << 4);
      const digits = dot >= 0 && dot < len ? len - 1 : len;
      for (let j = 0; j < 16; j++) {
        const t = j - (16 - digits);
        store<u8>(p + j, t < 0 ? 0x80 : dot >= 0 && t >= dot ? t + 1 : t);
      }
    }
  }
}
fillAlign();

/** First byte free for the caller (rows, values). */
export const FREE_PTR: usize = (__heap_base + 15) & ~15;

const POW10: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);
const POW10_U32: usize = memory.data<u32>([1, 10, 100, 1000, 10000]);
const SPLIT: f64 = 134217729.0; // 2^27 + 1, Dekker's splitter
const TWO_POW_M90: f64 = reinterpret<f64>(0x3a50000000000000);
const MAX_SCALE: i32 = 250;
const QUOTE: u32 = 34;
const SPACE: u32 = 32;

@inline
function pow10(k: i32): f64 {
  return load<f64>(POW10 + (<usize>k << 3));
}

/**
 * parseNumber.ts `scaled`: `w * 10^-k` correctly rounded, or NaN when its rounding check cannot tell
 * (|k| <= MAX_SCALE, w < 2^62). The mantissa is the exact double-double s + e (s = w rounded, e
 * the integer rest, |e| <= 2^9); the product with 10^-k and the check are parseNumber.ts's.
 */
@inline
function scaled(w: u64, k: i32): f64 {
  const s = <f64><i64>w; // signed conversions (w < 2^62): cheaper than unsigned ones
  const e = <f64>(<i64>w - <i64>s);
  const j = SCALE_PTR + (<usize>(k + MAX_SCALE) << 5);
  const hi = load<f64>(j);
  const x1 = s * hi;
  const t = SPLIT * s;
  const sh = t - (t - s);
  const sl = s - sh;
  const hh = load<f64>(j, 16);
  const hl = load<f64>(j, 24);
  const x2 = sh * hh - x1 + sh * hl + sl * hh + sl * hl + (s * load<f64>(j, 8) + e * hi);
  const x = x1 + x2;
  const delta = x1 * TWO_POW_M90;
  return x1 + (x2 + delta) == x && x1 + (x2 - delta) == x ? x : NaN;
}

/** Where {@link scanNumber} stopped. */
let stopAt: usize = 0;

/**
 * The digits of a window's first `len` bytes (digits and at most one '.', at `dot`, or -1 for none),
 * `d` holding each byte minus '0': their value (at most 16 digits). One swizzle from {@link ALIGN}
 * drops the '.' and right-aligns the digits; then pairs, 4 and 8 digits by multiply and dot products.
 */
@inline
function windowValue(d: v128, len: i32, dot: i32): u64 {
  d = i8x16.swizzle(d, v128.load(ALIGN + <usize>((len * 17 + dot + 1) << 4)));
  const pairs = i16x8.add(i16x8.mul(v128.and(d, i16x8.splat(0xff)), i16x8.splat(10)), i16x8.shr_u(d, 8));
  const fours = i32x4.dot_i16x8_s(pairs, i32x4.splat(0x00010064));
  const eights = i32x4.dot_i16x8_s(i16x8.narrow_i32x4_u(fours, fours), i32x4.splat(0x00012710));
  return <u64>i32x4.extract_lane(eights, 0) * 100000000 + <u64>i32x4.extract_lane(eights, 1);
}

/**
 * The number at `p` (an optional sign, digits with at most one '.', an optional exponent), a byte at
 * a time, its end in `stopAt`; NaN when it is not one this code finishes exactly (the row is then
 * refused). Leading zeros are not counted; at most 19 significant digits. For the cells
 * {@link cellValue} does not read itself (a sign, an exponent, more than 19 digits: a few in a hundred).
 */
function scanNumber(p: usize): f64 {
  const c = <u32>load<u8>(p);
  const negative = c == 45;
  if (negative || c == 43) p++;
  let w: u64 = 0;
  let nd: i32 = 0;
  let digits: i32 = 0;
  let fraction: i32 = -1;
  for (; ; p++) {
    const d = <u32>load<u8>(p) - 48;
    if (d > 9) {
      if (d == <u32>-2 && fraction < 0) {
        fraction = digits;
        continue;
      }
      break;
    }
    digits++;
    if (w != 0 || d != 0) {
      if (nd == 19) return NaN;
      w = w * 10 + d;
      nd++;
    }
  }
  if (digits == 0) return NaN;
  return finish(p, w, fraction < 0 ? 0 : digits - fraction, negative);
}

/**
 * The value `w * 10^-k` (w < 10^19), after an exponent if one starts at `p`, signed; its end in
 * `stopAt`; NaN when the exponent has no digit or more than 4, or the value is not one of the exact cases.
 */
@inline
function finish(p: usize, w: u64, k: i32, negative: bool): f64 {
  if ((<u32>load<u8>(p) | 0x20) == 101 /* e or E */) {
    p++;
    const c = <u32>load<u8>(p);
    const minus = c == 45;
    if (minus || c == 43) p++;
    let e: i32 = 0;
    let n: i32 = 0;
    for (; ; p++) {
      const d = <u32>load<u8>(p) - 48;
      if (d > 9) break;
      e = e * 10 + <i32>d;
      n++;
    }
    if (n == 0 || n > 4) return NaN;
    k = minus ? k + e : k - e;
  }
  stopAt = p;
  let x: f64;
  if (w == 0) {
    x = 0;
  } else if (w < 9007199254740992 && k >= -22 && k <= 22) {
    const t = <f64><i64>w;
    x = k >= 0 ? t / pow10(k) : t * pow10(-k);
  } else if (k >= -MAX_SCALE && k <= MAX_SCALE && w < 0x4000000000000000) {
    x = scaled(w, k);
  } else {
    return NaN;
  }
  return negative ? -x : x;
}

@inline
function two(p: usize): i32 {
  const a = <u32>load<u8>(p) - 48;
  const b = <u32>load<u8>(p, 1) - 48;
  return a > 9 || b > 9 ? -1 : <i32>(a * 10 + b);
}

/**
 * pdhTime.ts parsePdhTimeBytes for `[start, end)`: `MM/dd/yyyy HH:mm:ss[.f[f[f]]]` as UTC ms, NaN
 * when it is not one; a leap second (`:60`) is refused too (the JS side then decides).
 */
function parseTime(start: usize, end: usize): f64 {
  const len = <i32>(end - start);
  if (len < 19 || load<u8>(start, 2) != 47 || load<u8>(start, 5) != 47 || load<u8>(start, 10) != 32 || load<u8>(start, 13) != 58 || load<u8>(start, 16) != 58) return NaN;
  const month = two(start);
  const day = two(start + 3);
  const y1 = two(start + 6);
  const y2 = two(start + 8);
  const hour = two(start + 11);
  const minute = two(start + 14);
  const second = two(start + 17);
  let ms: i32 = 0;
  if (len > 19) {
    if (load<u8>(start, 19) != 46 || len > 23 || len < 21) return NaN;
    for (let i = 20; i < len; i++) {
      const d = <u32>load<u8>(start + i) - 48;
      if (d > 9) return NaN;
      ms = ms * 10 + <i32>d;
    }
    if (len == 21) ms *= 100;
    else if (len == 22) ms *= 10;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || y1 < 0 || y2 < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  const year = y1 * 100 + y2;
  const leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  const monthDays = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  if (day > monthDays) return NaN;
  // days from 1970-01-01 (proleptic Gregorian, as Date.UTC and utcMs)
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (153 * mp + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const days = <i64>(era * 146097 + doe - 719468);
  return <f64>(days * 86400000 + <i64>(hour * 3600000 + minute * 60000 + second * 1000 + ms));
}

/** The quotes among the 64 bytes at `p`: bit i for byte p + i. */
@inline
function quoteMask(p: usize): u64 {
  const q = i8x16.splat(34);
  const a = <u64>i8x16.bitmask(i8x16.eq(v128.load(p), q));
  const b = <u64>i8x16.bitmask(i8x16.eq(v128.load(p, 16), q));
  const c = <u64>i8x16.bitmask(i8x16.eq(v128.load(p, 32), q));
  const d = <u64>i8x16.bitmask(i8x16.eq(v128.load(p, 48), q));
  return a | (b << 16) | (c << 32) | (d << 48);
}

/**
 * The value of the cell `[s, s + len)` (no quote inside, not blank), or NaN to refuse the row.
 * The common cell (digits and at most one '.', up to 32 bytes, up to 19 digits) is read from two
 * 16-byte windows; anything else (a sign, an exponent, more digits) by {@link scanNumber}, which
 * must end exactly at the cell's end.
 */
@inline
function cellValue(s: usize, len: i32): f64 {
  if (len <= 32) {
    const v1 = v128.load(s);
    const v2 = v128.load(s, 16);
    const d1 = i8x16.sub(v1, i8x16.splat(48));
    const d2 = i8x16.sub(v2, i8x16.splat(48));
    const digits = <u32>i8x16.bitmask(i8x16.lt_u(d1, i8x16.splat(10))) | (<u32>i8x16.bitmask(i8x16.lt_u(d2, i8x16.splat(10))) << 16);
    const dotBits = <u32>i8x16.bitmask(i8x16.eq(v1, i8x16.splat(46))) | (<u32>i8x16.bitmask(i8x16.eq(v2, i8x16.splat(46))) << 16);
    const full = <u32>((<u64>1 << <u64>len) - 1);
    if (((digits | dotBits) & full) == full) {
      const dots = dotBits & full;
      if ((dots & (dots - 1)) != 0) return NaN; // a second '.': JS stops there, and refuses the row
      const dot = dots != 0 ? 1 : 0;
      const nd = len - dot;
      if (nd == 0) return NaN;
      if (nd <= 19) {
        const at = dot != 0 ? <i32>ctz(dots) : -1;
        let w: u64;
        if (len <= 16) {
          w = windowValue(d1, len, at);
        } else {
          const nd2 = len - 16 - (at >= 16 ? 1 : 0);
          w = windowValue(d1, 16, at < 16 ? at : -1) * <u64>load<u32>(POW10_U32 + (<usize>nd2 << 2)) + windowValue(d2, len - 16, at >= 16 ? at - 16 : -1);
        }
        return finish(s + len, w, dot != 0 ? nd - at : 0, false);
      }
    }
  }
  const x = scanNumber(s);
  return stopAt == s + len ? x : NaN;
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
