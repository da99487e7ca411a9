/**
 * Decimal numbers from ASCII bytes, equal to `Number(text)` bit for bit, without making a string.
 *
 * The digits are read once, left to right, into a mantissa `m * 10^nv + v`: `v` collects up to
 * nine digits in int32 arithmetic (an integer multiply-add per digit, not a floating-point one,
 * whose latency would chain from digit to digit), and every ninth digit the group moves into the
 * double `m` (exact while `m < 2^53`). A '.' only records where the fraction starts, so the
 * value is `mantissa * 10^-k` with `k` the count of fraction digits minus the exponent. Leading
 * zeros cost nothing: exactness is judged by the value of `m`, not by a count of digits.
 * Then one of three ways, each giving `Number(text)` exactly:
 * - mantissa `< 2^53` and `|k| <= 22`: one IEEE multiplication or division of two exact doubles
 *   is correctly rounded (Clinger's fast path);
 * - otherwise, with `m < 2^53` and `|k| <= MAX_SCALE` (perfmon's 17 significant digits land
 *   here): a double-double product with a rounding check, see {@link scaled};
 * - anything else (mantissas of about 19 digits or more, powers of ten beyond 10^±250, exact
 *   ties): `Number()` itself.
 *
 * {@link scanNumber} is small on purpose: with what it inlines ({@link scaled}) it stays under
 * the inlining budget of V8's optimizing compiler (460 bytes of bytecode for one function, 920
 * for all a caller inlines, counted with a 1.2 margin), so that it is compiled into its
 * callers' loops (pdhParser's fastRow) and its double result is not boxed on every call. It
 * finishes unsigned digits with an optional '.'; an exponent, and values its two fast ways
 * cannot round, go on to {@link finish} with the digits already read; a sign or a missing
 * digit goes to {@link scanGeneral}, which hands the unsigned rest back to it.
 */

/** Exact powers of ten up to 1e22 (the largest exactly representable in a double). */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const TWO_POW_53 = 2 ** 53;
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter
const TWO_POW_M90 = 2 ** -90;
/**
 * Largest |k| {@link scaled} takes: the results (>= 1e-250, <= 1e275) and their rounding
 * errors (about 2^-106 of them) stay normal doubles, which Dekker's exact products need.
 */
const MAX_SCALE = 250;

/**
 * 10^-k for k in [-MAX_SCALE, MAX_SCALE], four doubles each from `4 * (k + MAX_SCALE)`: a
 * double-double hi + lo within 2^-100 of it (exact for |k| <= 22), then hi split into 26-bit
 * halves for Dekker's product. One array, not four: one module binding for {@link scaled} to
 * load (its bytecode size counts against the inlining budget).
 */
export const SCALE = new Float64Array(4 * (2 * MAX_SCALE + 1));

/** The exact error of the double product `p = a * b` (Dekker's TwoProduct: a * b = p + error). */
function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

function setScale(k: number, hi: number, lo: number): void {
  const j = 4 * (k + MAX_SCALE);
  const t = SPLIT * hi;
  SCALE[j] = hi;
  SCALE[j + 1] = lo;
  SCALE[j + 2] = t - (t - hi);
  SCALE[j + 3] = hi - SCALE[j + 2]!;
}

for (let k = 0; k <= 22; k++) {
  const d = POW10[k]!;
  setScale(-k, d, 0); // 10^k, exact
  // 10^-k: hi = 1 / d rounded; hi * d = p + e exactly, so 10^-k - hi = (1 - p - e) / d
  const h = 1 / d;
  const p = h * d;
  setScale(k, h, (1 - p - productError(h, d, p)) / d);
}
for (let k = 23; k <= MAX_SCALE; k++) {
  // 10^∓k = 10^∓(k-22) * 10^∓22 in double-double: at most 11 such steps, each within 2^-104
  for (const sign of [1, -1]) {
    const a = 4 * ((k - 22) * sign + MAX_SCALE);
    const b = 4 * (22 * sign + MAX_SCALE);
    const ah = SCALE[a]!;
    const bh = SCALE[b]!;
    const p = ah * bh;
    const e = productError(ah, bh, p) + (ah * SCALE[b + 1]! + SCALE[a + 1]! * bh);
    const hi = p + e;
    setScale(k * sign, hi, e - (hi - p));
  }
}

// a typed array, not a `let`: a double stored in a module variable is boxed on every write
const scaledOut = new Float64Array(1);

/**
 * `(m1 * 10^c + m2) * 10^-k` correctly rounded, into `scaledOut[0]`, for `m1 < 2^53`,
 * `1 <= c <= 9`, `m2 < 10^c` and `|k| <= MAX_SCALE`; false when it cannot tell, and the caller
 * asks `Number()`. The mantissa becomes an exact double-double `s + e`, its product with the
 * double-double 10^-k is within about 2^-99 of the value; when every value within 2^-90 of it
 * rounds to the same double, that double is the correctly rounded value (rounding is monotonic).
 * That fails only for values within 2^-90 of a rounding boundary (about one in 2^37 of random
 * 17-digit inputs, and exact ties such as `9007199254740993`).
 */
function scaled(m1: number, c: number, m2: number, k: number): boolean {
  // m1 * 10^c = p + pe exactly: 10^c = 5^c * 2^c with 5^c < 2^26, so only m1 needs splitting
  const d = POW10[c]!;
  const p = m1 * d;
  let t = SPLIT * m1;
  const ah = t - (t - m1);
  const pe = ah * d - p + (m1 - ah) * d;
  // + m2 (Fast2Sum, as p = 0 or p >= 10^c > m2): the mantissa is s + e
  const s = p + m2;
  const e = m2 - (s - p) + pe;
  // (s + e) * (hi + lo) = x1 + x2: x1 = s * hi rounded, x2 its exact error plus the small terms
  const table = SCALE;
  const j = 4 * (k + MAX_SCALE);
  const hi = table[j]!;
  const x1 = s * hi;
  t = SPLIT * s;
  const sh = t - (t - s);
  const sl = s - sh;
  const hh = table[j + 2]!;
  const hl = table[j + 3]!;
  const x2 = sh * hh - x1 + sh * hl + sl * hh + sl * hl + (s * table[j + 1]! + e * hi);
  const x = x1 + x2;
  const delta = x1 * TWO_POW_M90;
  scaledOut[0] = x;
  return x1 + (x2 + delta) === x && x1 + (x2 - delta) === x;
}

/**
 * Parses a decimal number from bytes `[start, end)` (ASCII): `-12.5`, `0.0321`, `1.6e-005`,
 * `+3`, `.5`, `5.`. Returns NaN when the text is not such a number (the caller tells a blank cell
 * from a bad one). The result equals `Number(text)` bit for bit: up to 2^53 and a power of ten
 * within 1e22, one IEEE multiplication or division of exact operands is correctly rounded
 * (Clinger's fast path); longer mantissas (perfmon writes 17 digits) go through a double-double
 * product with a rounding check; anything else goes to `Number()`.
 *
 * @example
 * parseNumberBytes(Buffer.from('"1.6e-005"'), 1, 9) // => 0.000016
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number {
  const v = scanNumber(buf, start, end);
  return scanStop[0] === end ? v : NaN;
}

/** Where {@link scanNumber} stopped (an Int32Array: no boxing, no allocation). */
export const scanStop = new Int32Array(1);

/**
 * Parses the number that starts at `start` and stops at the first byte that cannot continue
 * it (a closing quote, a separator), leaving that position in `scanStop[0]`; NaN when no
 * number starts there (and `scanStop[0] = start`). Same digits and rounding as
 * {@link parseNumberBytes}.
 *
 * This is the fast path, kept under V8's inlining budget (see the top of the file): it reads
 * unsigned digits with an optional '.' and finishes them with Clinger's fast path or
 * {@link scaled}; an exponent, or a value neither can round, goes on to {@link finish}; a sign
 * or a missing digit goes to {@link scanGeneral}, which hands the unsigned rest back here.
 *
 * @example
 * scanNumber(Buffer.from('12.5"'), 0, 5) // => 12.5, scanStop[0] => 4
 */
export function scanNumber(buf: Uint8Array, start: number, end: number): number {
  // `| 0` keeps the counters int32 in optimized code (no overflow checks, no float fallback)
  let i = start | 0;
  let m = 0; // the digit groups before v, exact while < 2^53
  let v = 0; // the current group: up to 9 digits, int32
  let nv = 0; // digits in v
  let dot = -1; // position of the '.'
  for (; i < end; i = (i + 1) | 0) {
    const c = (buf[i]! - 48) | 0;
    if (c >>> 0 > 9) {
      // not a digit (unsigned compare: one test for both ends); '.' is 46, so c === -2
      if (c === -2 && dot < 0) {
        dot = i;
        continue;
      }
      break;
    }
    if (nv === 9) {
      // v is full and a tenth digit comes: flush v into m (one float multiply-add per nine
      // digits). Flushing only now, not at the ninth digit, leaves the last group non-empty,
      // so a 16 to 18 digit mantissa above 2^53 still splits into an exact m and v for `scaled`
      m = m * 1e9 + v;
      v = c;
      nv = 1;
    } else {
      v = (v * 10 + c) | 0;
      nv = (nv + 1) | 0;
    }
  }
  // the calls' results go through scaledOut, so that every return of this function is an unboxed
  // double: one tagged return makes the inlining caller box every value (a HeapNumber a cell)
  if (nv === 0) {
    scaledOut[0] = scanGeneral(buf, start, end); // a sign, or no digit at all
    return scaledOut[0]!;
  }
  const k = dot < 0 ? 0 : i - dot - 1; // value = (m * 10^nv + v) / 10^k
  if (i >= end || (buf[i]! | 0x20) !== 101 /* e or E */) {
    scanStop[0] = i;
    // the mantissa; t < 2^53 proves it exact: t >= m, so m < 2^53 is exact too, and had the true
    // m * 10^nv + v reached 2^53, its rounding (monotonic) could not have come out below 2^53.
    // 2^53 is written out: a literal is a smaller bytecode than a module constant, and the
    // size of this function (with what it inlines) decides whether V8 inlines it
    const t = m * POW10[nv]! + v;
    if (t < 9007199254740992 && k <= 22) return k === 0 ? t : t / POW10[k]!;
    if (m < 9007199254740992 && k <= 250 /* MAX_SCALE */ && scaled(m, nv, v, k)) return scaledOut[0]!;
  }
  scaledOut[0] = finish(buf, start, end, i, m, nv, v, k); // an exponent, or a case the lines above cannot do
  return scaledOut[0]!;
}

/**
 * The rest of a number whose digits have been read (from `from`, after any sign, to `i`) into
 * the mantissa `m * 10^nv + v` with `k` fraction digits: an exponent if one starts at `i`,
 * then the value, unsigned, with the end in `scanStop[0]`. NaN when the exponent has no digit
 * (`1e`, `1e+`: Number() says NaN too), with `scanStop[0] = from`. Exponents and
 * the cases {@link scanNumber} does not finish itself come here: zero with any exponent, a
 * power of ten beyond 10^±22, more than 2^53 before the last group, and what {@link scaled}
 * cannot decide, which goes to `Number()`.
 */
function finish(buf: Uint8Array, from: number, end: number, i: number, m: number, nv: number, v: number, k: number): number {
  if (i < end && (buf[i]! | 0x20) === 101 /* e or E */) {
    // the exponent: an optional sign, then digits (their value capped near 10^6, far beyond any double)
    i++;
    const sign = i < end ? buf[i]! : 0;
    if (sign === 45 /* - */ || sign === 43 /* + */) i++;
    const first = i;
    let e = 0;
    for (; i < end; i++) {
      const d = buf[i]! - 48;
      if (d >>> 0 > 9) break;
      if (e < 100000) e = e * 10 + d;
    }
    if (i === first) {
      scanStop[0] = from;
      return NaN;
    }
    k = sign === 45 ? k + e : k - e;
  }
  scanStop[0] = i;
  const t = m * POW10[nv]! + v;
  if (t === 0) return 0;
  if (t < TWO_POW_53 && k >= -22 && k <= 22) return k >= 0 ? t / POW10[k]! : t * POW10[-k]!;
  if (m < TWO_POW_53 && k >= -MAX_SCALE && k <= MAX_SCALE && scaled(m, nv, v, k)) return scaledOut[0]!;
  return slow(buf, from, i);
}

/**
 * {@link scanNumber} for what its fast path leaves: a leading sign (the unsigned rest goes back
 * to {@link scanNumber}), or text with no digit (NaN, `scanStop[0] = start`). A second sign
 * (`--5`) is not a number.
 */
function scanGeneral(buf: Uint8Array, start: number, end: number): number {
  scanStop[0] = start;
  const sign = start < end ? buf[start]! : 0;
  if (sign !== 45 /* - */ && sign !== 43 /* + */) return NaN; // scanNumber found no digit here
  const next = start + 1 < end ? buf[start + 1]! : 0;
  if (next === 45 || next === 43) return NaN;
  const x = scanNumber(buf, start + 1, end);
  if (x !== x) {
    scanStop[0] = start;
    return NaN;
  }
  return sign === 45 ? -x : x;
}

function slow(buf: Uint8Array, start: number, end: number): number {
  // the scan validated the shape: digits, one '.', an exponent; Number() does the rest
  return Number(Buffer.isBuffer(buf) ? buf.toString('latin1', start, end) : String.fromCharCode(...buf.subarray(start, end)));
}
