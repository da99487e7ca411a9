/** Exact powers of ten up to 1e22 (the largest exactly representable in a double). */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter
const TWO_POW_M90 = 2 ** -90;

// a typed array, not a `let`: a double stored in a module variable is boxed on every write
const scratch = new Float64Array(1);

/** a * b rounded; the exact rounding error goes to `scratch[0]` (Dekker's TwoProduct). */
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  scratch[0] = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

/**
 * (m1 * 10^c2 + m2) / 10^k correctly rounded, for a 16 to 19 digit mantissa and k <= 22:
 * double-double arithmetic gives the quotient within about 2^-100 of its value; when the
 * rounding of every value within 2^-90 of it agrees, that rounding is the correctly rounded
 * result (rounding is monotonic). Otherwise NaN, and the caller asks `Number()`.
 */
function longQuotient(m1: number, c2: number, m2: number, k: number): number {
  const p = twoProduct(m1, POW10[c2]!);
  const pe = scratch[0]!;
  const s = p + m2;
  const bb = s - p;
  const lo = p - (s - bb) + (m2 - bb) + pe;
  const d = POW10[k]!;
  const q1 = s / d;
  const big = twoProduct(q1, d);
  const r = s - big - scratch[0]! + lo;
  const q2 = r / d;
  const x = q1 + q2;
  const delta = q1 * TWO_POW_M90;
  if (q1 + (q2 + delta) !== x || q1 + (q2 - delta) !== x) return NaN;
  return x;
}

/**
 * Parses a decimal number from bytes `[start, end)` (ASCII): `-12.5`, `0.0321`, `1.6e-005`,
 * `+3`, `.5`, `5.`. Returns NaN when the text is not such a number (the caller tells a blank cell
 * from a bad one). The result equals `Number(text)` bit for bit: up to 15 significant digits
 * and a power of ten within 1e22, one IEEE multiplication or division of exact operands is
 * correctly rounded (Clinger's fast path); 16 to 19 digits divided by a power of ten (perfmon
 * writes 17) go through a double-double quotient with a rounding check; anything else goes
 * to `Number()`.
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
 * number starts there. Same digits and rounding as {@link parseNumberBytes}.
 *
 * @example
 * scanNumber(Buffer.from('12.5"'), 0, 5) // => 12.5, scanStop[0] => 4
 */
export function scanNumber(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  scanStop[0] = start;
  if (i >= end) return NaN;
  let negative = false;
  let c = buf[i]!;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    if (++i >= end) return NaN;
  }
  let m1 = 0; // first 15 significant digits
  let significant = 0;
  let m2 = 0; // significant digits 16 to 19
  let c2 = 0;
  let sawDigit = false;
  let scale = 0;
  let tooLong = false;
  for (; i < end; i++) {
    c = buf[i]! - 48;
    if (c < 0 || c > 9) break;
    sawDigit = true;
    if (significant < 15) {
      m1 = m1 * 10 + c;
      if (m1 !== 0) significant++;
    } else if (c2 < 4) {
      m2 = m2 * 10 + c;
      c2++;
    } else tooLong = true;
  }
  if (i < end && buf[i] === 46 /* . */) {
    for (i++; i < end; i++) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      sawDigit = true;
      if (significant < 15) {
        m1 = m1 * 10 + c;
        if (m1 !== 0) significant++;
        scale--;
      } else if (c2 < 4) {
        m2 = m2 * 10 + c;
        c2++;
        scale--;
      } else if (c !== 0) tooLong = true;
      // a zero beyond 19 digits changes nothing unless a non-zero follows (then tooLong)
    }
  }
  if (!sawDigit) return NaN;
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    // e E
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 45 || buf[i] === 43)) {
      expNegative = buf[i] === 45;
      i++;
    }
    if (i >= end) return NaN;
    let exp = 0;
    const expStart = i;
    for (; i < end; i++) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      if (exp < 100000) exp = exp * 10 + c;
    }
    if (i === expStart) return NaN;
    scale += expNegative ? -exp : exp;
  }
  scanStop[0] = i;
  end = i;
  if (tooLong) return slow(buf, start, end);
  // digits kept in m1/m2 beyond the integer part were counted in scale; integer digits past
  // the 19th were dropped from m2 but not counted: tooLong covers that case above
  let value: number;
  if (c2 === 0) {
    if (m1 === 0) value = 0;
    else if (scale === 0) value = m1;
    else if (scale > 0 && scale <= 22) value = m1 * POW10[scale]!;
    else if (scale < 0 && scale >= -22) value = m1 / POW10[-scale]!;
    else return slow(buf, start, end);
  } else if (scale < 0 && scale >= -22) {
    value = longQuotient(m1, c2, m2, -scale);
    if (value !== value) return slow(buf, start, end);
  } else return slow(buf, start, end);
  return negative ? -value : value;
}

function slow(buf: Uint8Array, start: number, end: number): number {
  // the scan above validated the shape: digits, one '.', an exponent; Number() does the rest
  return Number(Buffer.isBuffer(buf) ? buf.toString('latin1', start, end) : String.fromCharCode(...buf.subarray(start, end)));
}
