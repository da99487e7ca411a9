// AssemblyScript: the common PDH row (`"time","1.5"," ",""...`) parsed in WebAssembly.
// Compiled by `npm run wasm` into src/readers/_internals/pdhScanWasm.generated.ts (base64), loaded by
// pdhScanWasm.ts. Same contract as pdhFastRow.ts scanPdhRow, with one more way out: any row or value
// this code does not finish exactly is refused (NaN), and the JS path reads that row as it always did
// (scanPdhRow, then splitRow with its issues). So an accepted row's values equal `Number(text)`:
// - a mantissa below 2^53 with |k| <= 22 (value = mantissa * 10^-k): one IEEE multiplication or
//   division of two exact doubles, correctly rounded (Clinger's fast path, as parseNumber.ts);
// - up to 19 significant digits with |k| <= 250: parseNumber.ts's double-double product with its
//   rounding check (`scaled`), on the same table of powers of ten (copied in by the JS side, so the
//   two cannot differ), the mantissa split as m1 * 10^c + m2 with m1 < 10^15 < 2^53, c <= 4;
//   whatever that check cannot decide is refused.
// wasm has no fused multiply-add contraction: the same f64 operations give the same bits as in JS.
//
// Memory, laid out by the JS side: SCALE_PTR the powers of ten (4 doubles per k, parseNumber.ts's
// SCALE), MISSING_PTR the last accepted row's missing count (i32), and from there on the row's bytes
// and values wherever the caller puts them. The byte at a row's end must be a stop byte (the caller
// writes a 0 there): digit loops stop on it without comparing positions.

/** Where the JS side copies parseNumber.ts's SCALE table (4 * 501 doubles). */
export const SCALE_PTR: usize = 2048;
/** Where an accepted row's missing-cell count is written (i32). */
export const MISSING_PTR: usize = 2040;
/** First byte free for the caller (rows, values). */
export const FREE_PTR: usize = 18432;

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
 * (|k| <= MAX_SCALE). The mantissa w < 2^64 is the exact double-double s + e (s = w rounded, e the
 * integer rest, |e| <= 2^10); the product with 10^-k and the check are parseNumber.ts's.
 */
@inline
function scaled(w: u64, k: i32): f64 {
  const s = <f64>w;
  const e = <f64>(<i64>(w - <u64>s));
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

/** Lane indexes 0..15. */
const IOTA: v128 = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

/**
 * The digits of a window's first `len` bytes (digits and at most one '.', at `dot`, or -1 for none),
 * `d` holding each byte minus '0': their value (at most 16 digits). No branch: which values take
 * which way is not predictable.
 */
@inline
function windowValue(d: v128, len: i32, dot: i32): u64 {
  // the bytes up to the '.' move up one lane over it (lane 0 becomes 0)
  const before = i8x16.le_s(IOTA, i8x16.splat(<i8>dot));
  d = v128.bitselect(i8x16.shuffle(d, i8x16.splat(0), 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), d, before);
  // right-aligned: lane j takes lane j + len - 16 (0 below it)
  d = i8x16.swizzle(d, i8x16.add(IOTA, i8x16.splat(<i8>(len - 16))));
  // pairs of digits, then 4, then 8
  const pairs = i16x8.add(i16x8.mul(v128.and(d, i16x8.splat(0xff)), i16x8.splat(10)), i16x8.shr_u(d, 8));
  const fours = i32x4.dot_i16x8_s(pairs, i32x4.splat(0x00010064));
  const eights = i32x4.dot_i16x8_s(i16x8.narrow_i32x4_u(fours, fours), i32x4.splat(0x00012710));
  return <u64>i32x4.extract_lane(eights, 0) * 100000000 + <u64>i32x4.extract_lane(eights, 1);
}

/**
 * The number at `p` (an optional sign, digits with at most one '.', an optional exponent), its end in
 * `stopAt`; NaN when it is not one this code finishes exactly (the row is then refused). The digits
 * are read 16 bytes at a time (two windows at most); longer runs go to {@link scanLong}.
 */
function scanNumber(p: usize): f64 {
  let c = <u32>load<u8>(p);
  const negative = c == 45;
  if (negative || c == 43) p++;
  let w: u64;
  let nd: i32;
  let k: i32;
  // the run of digits and dots at p: `len` bytes (16: it goes on), the dots among them
  let v = v128.load(p);
  let d = i8x16.sub(v, i8x16.splat(48));
  let len = <i32>ctz(~(i8x16.bitmask(i8x16.lt_u(d, i8x16.splat(10))) | i8x16.bitmask(i8x16.eq(v, i8x16.splat(46)))) | 0x10000);
  const dots = i8x16.bitmask(i8x16.eq(v, i8x16.splat(46))) & ((1 << len) - 1);
  if (len < 16) {
    const dot = dots != 0 ? 1 : 0;
    nd = len - dot;
    if (nd == 0) return NaN;
    w = windowValue(d, len, dot != 0 ? <i32>ctz(dots) : -1);
    k = dot != 0 ? len - 1 - <i32>ctz(dots) : 0;
  } else {
    const w1 = windowValue(d, 16, dots != 0 ? <i32>ctz(dots) : -1);
    v = v128.load(p, 16);
    d = i8x16.sub(v, i8x16.splat(48));
    const len2 = <i32>ctz(~(i8x16.bitmask(i8x16.lt_u(d, i8x16.splat(10))) | i8x16.bitmask(i8x16.eq(v, i8x16.splat(46)))) | 0x10000);
    const dots2 = i8x16.bitmask(i8x16.eq(v, i8x16.splat(46))) & ((1 << len2) - 1);
    if (len2 == 16 || (dots != 0 && dots2 != 0) || (dots2 & (dots2 - 1)) != 0) return scanLong(p, negative);
    const nd2 = len2 - (dots2 != 0 ? 1 : 0);
    nd = 16 + len2 - (dots | dots2 != 0 ? 1 : 0);
    if (nd > 19) return scanLong(p, negative);
    w = w1 * <u64>load<u32>(POW10_U32 + (<usize>nd2 << 2)) + windowValue(d, len2, dots2 != 0 ? <i32>ctz(dots2) : -1);
    k = dots != 0 ? nd - <i32>ctz(dots) : dots2 != 0 ? nd - 16 - <i32>ctz(dots2) : 0;
    len += len2;
  }
  if ((dots & (dots - 1)) != 0) return NaN; // a second '.': JS stops there, and refuses the row
  return finish(p + len, w, k, negative);
}

/** {@link scanNumber} for runs of digits longer than its windows: a byte at a time, leading zeros not counted, at most 19 significant digits. */
function scanLong(p: usize, negative: bool): f64 {
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
    const t = <f64>w;
    x = k >= 0 ? t / pow10(k) : t * pow10(-k);
  } else if (k >= -MAX_SCALE && k <= MAX_SCALE) {
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

/**
 * pdhFastRow.ts scanPdhRow for the row `[start, end)` (a 0 byte at `end`): `counters` values from
 * `out` on (f64, NaN for `" "` and `""`), the missing count at MISSING_PTR; returns the local time in
 * ms, or NaN for a row it refuses (another shape, or a value it does not finish exactly).
 */
export function scanRow(start: usize, end: usize, separator: u32, counters: i32, out: usize): f64 {
  if (<u32>load<u8>(start) != QUOTE) return NaN;
  let q = start + 1;
  while (q < end && <u32>load<u8>(q) != QUOTE) q++;
  if (q >= end) return NaN;
  const localMs = parseTime(start + 1, q);
  if (localMs != localMs) return NaN;
  let pos = q + 1;
  let missing: i32 = 0;
  for (let i: i32 = 0; i < counters; i++) {
    if (pos + 2 >= end || <u32>load<u8>(pos) != separator || <u32>load<u8>(pos, 1) != QUOTE) return NaN;
    pos += 2;
    const c = <u32>load<u8>(pos);
    const at = out + (<usize>i << 3);
    if (c == QUOTE) {
      store<f64>(at, NaN);
      missing++;
      pos++;
    } else if (c == SPACE && <u32>load<u8>(pos, 1) == QUOTE) {
      store<f64>(at, NaN);
      missing++;
      pos += 2;
    } else {
      const v = scanNumber(pos);
      if (v != v || <u32>load<u8>(stopAt) != QUOTE) return NaN;
      store<f64>(at, v);
      pos = stopAt + 1;
    }
  }
  if (pos != end) return NaN;
  store<i32>(MISSING_PTR, missing);
  return localMs;
}
