/** Exact powers of ten up to 1e22 (the largest exactly representable in a double). */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const MAX_EXACT = 9007199254740992; // 2^53

/**
 * Parses a decimal number from bytes `[start, end)` (ASCII): `-12.5`, `0.0321`, `1.6e-005`,
 * `+3`, `.5`, `5.`. Returns NaN when the text is not such a number (the caller tells a blank cell
 * from a bad one). The result equals `Number(text)` bit for bit: with a mantissa of at most 2^53
 * (15 to 16 significant digits) and a power of ten within 1e22 both operands are exact, so one IEEE multiplication or
 * division is correctly rounded (Clinger's fast path); anything longer goes to `Number()`.
 *
 * @example
 * parseNumberBytes(Buffer.from('"1.6e-005"'), 1, 9) // => 0.000016
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let negative = false;
  let c = buf[i]!;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    if (++i >= end) return NaN;
  }
  let mantissa = 0; // exact while <= 2^53
  let sawDigit = false;
  let scale = 0; // power of ten to apply to the mantissa
  let overflow = false;
  for (; i < end; i++) {
    c = buf[i]! - 48;
    if (c < 0 || c > 9) break;
    sawDigit = true;
    const next = mantissa * 10 + c;
    if (next <= MAX_EXACT) mantissa = next;
    else overflow = true;
  }
  if (overflow) return slow(buf, start, end);
  if (i < end && buf[i] === 46 /* . */) {
    for (i++; i < end; i++) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      sawDigit = true;
      const next = mantissa * 10 + c;
      if (next <= MAX_EXACT) {
        mantissa = next;
        scale--;
      } else if (c !== 0) {
        return slow(buf, start, end);
      } else {
        // a trailing zero beyond the exact mantissa changes nothing unless a non-zero follows
        let j = i + 1;
        while (j < end && buf[j] === 48) j++;
        const next = j < end ? buf[j]! - 48 : -1;
        if (next >= 1 && next <= 9) return slow(buf, start, end);
        i = j - 1;
      }
    }
  }
  if (!sawDigit) return NaN;
  if (i < end) {
    c = buf[i]!;
    if (c !== 101 && c !== 69) return NaN; // e E
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 45 || buf[i] === 43)) {
      expNegative = buf[i] === 45;
      i++;
    }
    if (i >= end) return NaN;
    let exp = 0;
    for (; i < end; i++) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) return NaN;
      if (exp < 100000) exp = exp * 10 + c;
    }
    scale += expNegative ? -exp : exp;
  }
  let value: number;
  if (mantissa === 0) value = 0;
  else if (scale === 0) value = mantissa;
  else if (scale > 0 && scale <= 22) value = mantissa * POW10[scale]!;
  else if (scale < 0 && scale >= -22) value = mantissa / POW10[-scale]!;
  else return slow(buf, start, end);
  return negative ? -value : value;
}

function slow(buf: Uint8Array, start: number, end: number): number {
  const text = Buffer.isBuffer(buf) ? buf.toString('latin1', start, end) : String.fromCharCode(...buf.subarray(start, end));
  // Number() accepts forms we reject (hex, 'Infinity', blanks): the fast path above already
  // validated the shape up to the point it gave up, so only digits, '.', 'e' and signs remain.
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}
