const D0 = 48;

function digits(buf: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[at + i]! - D0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses perfmon's local timestamp `MM/dd/yyyy HH:mm:ss.fff` (the fraction is optional and may
 * have 1 to 3 digits) from bytes `[start, end)` as if it were UTC; the caller adds the bias.
 * Returns NaN when the text is not such a timestamp or a field is out of range.
 *
 * @example
 * parsePdhTimeBytes(Buffer.from('09/19/2017 09:51:39.073'), 0, 23) // => Date.UTC(2017, 8, 19, 9, 51, 39, 73)
 */
export function parsePdhTimeBytes(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 19 || buf[start + 2] !== 47 || buf[start + 5] !== 47 || buf[start + 10] !== 32 || buf[start + 13] !== 58 || buf[start + 16] !== 58) return NaN;
  const month = digits(buf, start, 2);
  const day = digits(buf, start + 3, 2);
  const year = digits(buf, start + 6, 4);
  const hour = digits(buf, start + 11, 2);
  const minute = digits(buf, start + 14, 2);
  const second = digits(buf, start + 17, 2);
  let ms = 0;
  if (len > 19) {
    if (buf[start + 19] !== 46 || len > 23 || len < 21) return NaN;
    const f = digits(buf, start + 20, len - 20);
    if (f < 0) return NaN;
    ms = len === 21 ? f * 100 : len === 22 ? f * 10 : f;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
  const t = utcMs(year, month - 1, day, hour, minute, second, ms);
  // 02/31 would roll over into March: reject days past the month's end
  if (day > 28 && new Date(t).getUTCDate() !== day) return NaN;
  return t;
}

/** 400 Gregorian years, in ms: the calendar repeats after them. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/**
 * `Date.UTC` for every year: Date.UTC reads years 0-99 as 1900-1999, so that `01/01/0000`
 * would become 1900; those years are computed 400 years later and moved back.
 *
 * @example
 * new Date(utcMs(0, 0, 1, 0, 0, 0, 0)).toISOString() // => '0000-01-01T00:00:00.000Z'
 */
export function utcMs(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  if (year >= 100) return Date.UTC(year, monthIndex, day, hour, minute, second, ms);
  return Date.UTC(year + 400, monthIndex, day, hour, minute, second, ms) - FOUR_CENTURIES_MS;
}

/** Biases a time zone can have, UTC minus local in minutes: within 14 hours (UTC+14, Kiribati, to UTC-12), either sign. */
export const PERF_BIAS_RANGE = '-840 .. 840 minutes';

/**
 * Whether a bias (UTC minus local, minutes) is one a time zone can have.
 *
 * @example
 * isUtcBias(-330) // => true (India)
 * isUtcBias(99_999_999_999) // => false
 */
export function isUtcBias(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= -840 && minutes <= 840;
}
