// AssemblyScript, part of pdhScan.ts: a cell's number, equal to `Number(text)` or refused (NaN).
// See pdhScan.ts for which values take which way and why they are exact.

/** Where the JS side copies parseNumber.ts's SCALE table (4 * 501 doubles). */
export const SCALE_PTR: usize = memory.data(4 * 501 * 8, 16);
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

/**
 * The SIMD constants, loaded once into globals: V8 rebuilds a `v128.const` in registers at each use
 * (3 instructions), inside the cell loop; binaryen folds a global set from a constant, not one loaded
 * from memory.
 */
const CONSTANTS: usize = memory.data<u32>([
  0x30303030, 0x30303030, 0x30303030, 0x30303030, // '0'
  0x09090909, 0x09090909, 0x09090909, 0x09090909, // 9 (bytes): digits are <= 9 after '0' is taken off (le_u: 2 instructions in V8, lt_u 4)
  0x2e2e2e2e, 0x2e2e2e2e, 0x2e2e2e2e, 0x2e2e2e2e, // '.'
  0x22222222, 0x22222222, 0x22222222, 0x22222222, // '"'
  0x00ff00ff, 0x00ff00ff, 0x00ff00ff, 0x00ff00ff, // the low byte of each i16
  0x000a000a, 0x000a000a, 0x000a000a, 0x000a000a, // 10 (i16)
  0x00010064, 0x00010064, 0x00010064, 0x00010064, // (100, 1) (i16 pairs)
  0x00012710, 0x00012710, 0x00012710, 0x00012710, // (10000, 1) (i16 pairs)
], 16);
const ZEROS: v128 = v128.load(CONSTANTS);
const NINES: v128 = v128.load(CONSTANTS, 16);
const DOTS: v128 = v128.load(CONSTANTS, 32);
export const QUOTES: v128 = v128.load(CONSTANTS, 48);
const LOW_BYTES: v128 = v128.load(CONSTANTS, 64);
const TENS_16: v128 = v128.load(CONSTANTS, 80);
const HUNDRED_ONE: v128 = v128.load(CONSTANTS, 96);
const TEN_THOUSAND_ONE: v128 = v128.load(CONSTANTS, 112);

const POW10: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);
const POW10_U32: usize = memory.data<u32>([1, 10, 100, 1000, 10000]);
const SPLIT: f64 = 134217729.0; // 2^27 + 1, Dekker's splitter
const TWO_POW_M90: f64 = reinterpret<f64>(0x3a50000000000000);
const MAX_SCALE: i32 = 250;

@inline
function pow10(k: i32): f64 {
  return load<f64>(POW10 + (<usize>k << 3));
}

/**
 * parseNumber.ts `scaled`: `w * 10^-k` correctly rounded, or NaN when its rounding check cannot tell
 * (|k| <= MAX_SCALE, w < 2^62). The mantissa is the exact double-double s + e (s = w rounded, e
 * the integer rest, |e| <= 2^9); the product with 10^-k is parseNumber.ts's, and so is the check,
 * in one comparison: with delta >= 0, rounding is monotonic, so x1 + (x2 - delta) <= x <= x1 + (x2
 * + delta) (x = x1 + x2 rounded), and the two bounds are equal exactly when both equal x.
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
  return x1 + (x2 + delta) == x1 + (x2 - delta) ? x : NaN;
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
  const pairs = i16x8.add(i16x8.mul(v128.and(d, LOW_BYTES), TENS_16), i16x8.shr_u(d, 8));
  const fours = i32x4.dot_i16x8_s(pairs, HUNDRED_ONE);
  const eights = i32x4.dot_i16x8_s(i16x8.narrow_i32x4_u(fours, fours), TEN_THOUSAND_ONE);
  return <u64>i32x4.extract_lane(eights, 0) * 100000000 + <u64>i32x4.extract_lane(eights, 1);
}

/**
 * {@link windowValue} for 17 to 32 bytes holding at most 19 digits: the first window holds 15 or 16
 * of them, so the second at most 4, one group of 4 digits: both windows' groups of 4 go through one
 * narrowing and one dot product.
 */
@inline
function twoWindowsValue(d1: v128, d2: v128, len: i32, dot: i32): u64 {
  const a = i8x16.swizzle(d1, v128.load(ALIGN + <usize>((16 * 17 + (dot < 16 ? dot : -1) + 1) << 4)));
  const b = i8x16.swizzle(d2, v128.load(ALIGN + <usize>(((len - 16) * 17 + (dot >= 16 ? dot - 16 : -1) + 1) << 4)));
  const lowBytes = LOW_BYTES; // a global read once for two uses: V8 loads it at each
  const tens = TENS_16;
  const hundredOne = HUNDRED_ONE;
  const pairsA = i16x8.add(i16x8.mul(v128.and(a, lowBytes), tens), i16x8.shr_u(a, 8));
  const pairsB = i16x8.add(i16x8.mul(v128.and(b, lowBytes), tens), i16x8.shr_u(b, 8));
  const foursAB = i16x8.narrow_i32x4_u(i32x4.dot_i16x8_s(pairsA, hundredOne), i32x4.dot_i16x8_s(pairsB, hundredOne));
  const eights = i32x4.dot_i16x8_s(foursAB, TEN_THOUSAND_ONE); // lane 3: the second window's digits
  const nd2 = len - 16 - (dot >= 16 ? 1 : 0);
  const firstValue = <u64>i32x4.extract_lane(eights, 0) * 100000000 + <u64>i32x4.extract_lane(eights, 1);
  return firstValue * <u64>load<u32>(POW10_U32 + (<usize>nd2 << 2)) + <u64>i32x4.extract_lane(eights, 3);
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
  const x = unsignedValue(w, k);
  return negative ? -x : x;
}

/** `w * 10^-k` (w < 10^19): Clinger's fast path or {@link scaled}, NaN when neither finishes it. */
function unsignedValue(w: u64, k: i32): f64 {
  if (w == 0) return 0;
  if (w < 9007199254740992 && k >= -22 && k <= 22) {
    const t = <f64><i64>w;
    return k >= 0 ? t / pow10(k) : t * pow10(-k);
  }
  if (k >= -MAX_SCALE && k <= MAX_SCALE && w < 0x4000000000000000) return scaled(w, k);
  return NaN;
}

/**
 * {@link unsignedValue} for a cell of `nd` digits (w < 10^nd, nd <= 19) and no exponent (0 <= k <=
 * nd), the way chosen from nd, known from the byte classes before the digits' value: 15 digits or
 * fewer, w < 2^53 and k <= 22 (Clinger's fast path); 16 to 18, {@link scaled} (w < 2^62); what
 * it cannot decide, and 19 digits, by the value of w. A branch on w itself (w < 2^53, which
 * perfmon's 16- and 17-digit values take either way) waits for the digits' value, and when
 * mispredicted costs that wait again (4 ns more per cell on the benchmark log's rows).
 */
@inline
function digitsValue(w: u64, nd: i32, k: i32): f64 {
  if (nd <= 15) return <f64><i64>w / pow10(k);
  if (nd <= 18) {
    const x = scaled(w, k);
    if (x == x) return x;
  }
  return unsignedValue(w, k);
}

/**
 * The value of the cell `[s, s + len)` (its closing quote at s + len), or NaN when it is not a
 * number this code finishes exactly (a blank cell, `""` or `" "`, is NaN too: the caller tells).
 * The common cell (digits and at most one '.', up to 32 bytes, up to 19 digits) is read from one
 * 16-byte window (up to 16 bytes: the second is not classified) or two; a mantissa of 17 bytes or
 * more (16 to 18 digits) then an exponent from the two windows by {@link exponentValue}; anything
 * else (a sign, more digits, a shorter mantissa with an exponent) by {@link scanNumber}, which must
 * end exactly at the cell's end.
 */
@inline
export function cellValue(s: usize, len: i32): f64 {
  if (len <= 16) {
    const v1 = v128.load(s);
    const d1 = i8x16.sub(v1, ZEROS);
    const full = (<u32>1 << <u32>len) - 1;
    const dots = <u32>i8x16.bitmask(i8x16.eq(v1, DOTS)) & full;
    // digits and at most one '.' (a second: JS stops there, and refuses the row)
    if (((<u32>i8x16.bitmask(i8x16.le_u(d1, NINES)) | dots) & full) == full && (dots & (dots - 1)) == 0) {
      const dot = dots != 0 ? 1 : 0;
      const nd = len - dot;
      if (nd != 0) {
        const at = dot != 0 ? <i32>ctz(dots) : -1;
        return digitsValue(windowValue(d1, len, at), nd, dot != 0 ? nd - at : 0);
      }
    }
  } else if (len <= 32) {
    const zeros = ZEROS; // globals read once for two uses: V8 loads them at each
    const nines = NINES;
    const dotsV = DOTS;
    const v1 = v128.load(s);
    const v2 = v128.load(s, 16);
    const d1 = i8x16.sub(v1, zeros);
    const d2 = i8x16.sub(v2, zeros);
    const digits = <u32>i8x16.bitmask(i8x16.le_u(d1, nines)) | (<u32>i8x16.bitmask(i8x16.le_u(d2, nines)) << 16);
    const dotBits = <u32>i8x16.bitmask(i8x16.eq(v1, dotsV)) | (<u32>i8x16.bitmask(i8x16.eq(v2, dotsV)) << 16);
    const full = <u32>((<u64>1 << <u64>len) - 1);
    const dots = dotBits & full;
    if (((digits | dots) & full) == full && (dots & (dots - 1)) == 0) {
      const dot = dots != 0 ? 1 : 0;
      const nd = len - dot;
      if (nd <= 19) {
        const at = dot != 0 ? <i32>ctz(dots) : -1;
        return digitsValue(twoWindowsValue(d1, d2, len, at), nd, dot != 0 ? nd - at : 0);
      }
    } else {
      const x = exponentValue(s, len, d1, d2, digits, dotBits);
      if (x == x) return x;
    }
  }
  const x = scanNumber(s);
  return stopAt == s + len ? x : NaN;
}

/**
 * {@link cellValue} for a cell of 17 to 32 bytes that is not all digits and '.': perfmon's 16 or 17
 * digits then an exponent (`6.148650849772921e-005`), or NaN for anything else (scanNumber then
 * reads it). The mantissa (17 bytes or more, at most 18 digits) from the windows, the exponent's
 * sign and 1 to 4 digits checked on the byte classes and read with one load; the value by
 * {@link scaled} (|k| <= MAX_SCALE).
 */
@inline
function exponentValue(s: usize, len: i32, d1: v128, d2: v128, digits: u32, dotBits: u32): f64 {
  const n = <i32>ctz(~(digits | dotBits)); // the mantissa's bytes: n < len, the quote is at len
  const dots = dotBits & ((<u32>1 << <u32>n) - 1);
  const dot = dots != 0 ? 1 : 0;
  const nd = n - dot;
  let p = n + 1;
  const c = <u32>load<u8>(s + p);
  const minus = c == 45;
  if (minus || c == 43) p++;
  const m = len - p;
  const ends = (<u32>1 << <u32>m) - 1;
  if (n < 17 || nd > 18 || (dots & (dots - 1)) != 0 || (<u32>load<u8>(s + n) | 0x20) != 101 || m < 1 || m > 4 || ((digits >> <u32>p) & ends) != ends) return NaN;
  const at = dot != 0 ? <i32>ctz(dots) : -1;
  // the exponent's digits right-aligned in a u32, the bytes after them shifted out (digits are >= '0':
  // a borrow of the subtraction only goes from those bytes upwards), then pairs of digits
  let e = (load<u32>(s + p) - 0x30303030) << (<u32>(4 - m) << 3);
  e = (e & 0x00ff00ff) * 10 + ((e >> 8) & 0x00ff00ff);
  e = (e & 0xffff) * 100 + (e >> 16);
  const k = (dot != 0 ? nd - at : 0) + (minus ? <i32>e : -<i32>e);
  return <u32>(k + MAX_SCALE) <= <u32>(2 * MAX_SCALE) ? scaled(twoWindowsValue(d1, d2, n, at), k) : NaN;
}
