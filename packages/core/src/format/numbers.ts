/**
 * How hostplan writes numbers for people in messages, rules and the command line's tables: en-US
 * thousands separators, a bounded number of decimals. The one place core and the CLI format
 * numbers (the HTML report has its own d3-format module for its typography).
 */

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, fixed: boolean): Intl.NumberFormat {
  const key = `${decimals}${fixed ? 'f' : ''}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: fixed ? decimals : 0, signDisplay: 'negative' })));
  return f;
}

/** Options of {@link formatDecimal}. */
export interface DecimalOptions {
  /**
   * Always write `decimals` decimals (money), instead of at most that many.
   * @defaultValue false
   */
  readonly fixed?: boolean;
  /**
   * How an infinite value is written (an unlimited resource).
   * @defaultValue '∞'
   */
  readonly infinity?: string;
}

/**
 * A number with thousands separators and at most `decimals` decimals (trailing zeros dropped),
 * or exactly `decimals` with `fixed`. A value that rounds to zero has no sign (never `-0`).
 *
 * @example
 * formatDecimal(32256) // => '32,256'
 * formatDecimal(2.666, 1) // => '2.7'
 * formatDecimal(1200, 2, { fixed: true }) // => '1,200.00'
 * formatDecimal(Infinity, 1, { infinity: 'unlimited' }) // => 'unlimited'
 * formatDecimal(-0.4, 0) // => '0'
 */
export function formatDecimal(value: number, decimals = 2, options: DecimalOptions = {}): string {
  if (value === Infinity && options.infinity !== undefined) return options.infinity;
  // whole numbers (most amounts in messages: MB, IOPS, Mbps) grouped by hand, as Intl writes them
  if (Number.isSafeInteger(value) && !(options.fixed && decimals > 0)) return groupThousands(value);
  const fixed = options.fixed ?? false;
  // the rest by hand as well, as Intl writes them: the first Intl.NumberFormat of a process
  // costs ~20 ms (ICU's number data), paid at the end of every command that prints a fraction
  if (Number.isFinite(value) && Number.isInteger(decimals) && decimals >= 0 && decimals <= 20) return fractionByHand(value, decimals, fixed);
  return formatter(decimals, fixed).format(value);
}

/**
 * What Intl.NumberFormat en-US (`maximumFractionDigits: decimals`, `minimumFractionDigits:
 * fixed ? decimals : 0`, `signDisplay: 'negative'`) writes for a finite value: like ICU, it
 * rounds the shortest decimal that reads back as the double (`String(value)`'s digits, not the
 * double's exact binary value) half away from zero, drops trailing zeros unless fixed, groups the
 * integer part in thousands and writes the sign only when the rounded value is not zero.
 */
function fractionByHand(value: number, decimals: number, fixed: boolean): string {
  // the shortest digits and where the decimal point falls among them ("1.5e-7": "15", -6)
  const text = String(Math.abs(value));
  const e = text.indexOf('e');
  const mantissa = e === -1 ? text : text.slice(0, e);
  const dot = mantissa.indexOf('.');
  const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot === -1 ? mantissa.length : dot) + (e === -1 ? 0 : Number(text.slice(e + 1)));
  let whole = point <= 0 ? '0' : point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point);
  let fraction = point >= digits.length ? '' : point < 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  if (fraction.length > decimals) {
    const up = fraction.charCodeAt(decimals) >= 53; // '5': half away from zero
    fraction = fraction.slice(0, decimals);
    if (up) [whole, fraction] = incrementLast(whole, fraction);
  }
  if (fixed) fraction = fraction.padEnd(decimals, '0');
  else {
    let end = fraction.length;
    while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
    fraction = fraction.slice(0, end);
  }
  let lead = 0;
  while (lead < whole.length - 1 && whole.charCodeAt(lead) === 48) lead++;
  whole = whole.slice(lead);
  let out = whole.slice(0, whole.length % 3 || 3);
  for (let i = out.length; i < whole.length; i += 3) out += ',' + whole.slice(i, i + 3);
  if (fraction.length > 0) out += '.' + fraction;
  return value < 0 && /[1-9]/.test(out) ? '-' + out : out;
}

/** Adds one unit in the last place of the decimal `whole.fraction` (digits only), carrying left. */
function incrementLast(whole: string, fraction: string): [string, string] {
  const all = (whole + fraction).split('');
  let i = all.length - 1;
  while (i >= 0 && all[i] === '9') all[i--] = '0';
  const carried = i < 0 ? '1' + all.join('') : (all[i] = String.fromCharCode(all[i]!.charCodeAt(0) + 1), all.join(''));
  const cut = carried.length - fraction.length;
  return [carried.slice(0, cut), carried.slice(cut)];
}

/** A safe integer with en-US thousands separators (negative zero written '0'). */
function groupThousands(value: number): string {
  const digits = String(Math.abs(value));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += ',' + digits.slice(i, i + 3);
  return value < 0 ? '-' + out : out;
}

/**
 * Dollars: `$` and {@link formatDecimal}.
 *
 * @example
 * formatUsd(1234.5) // => '$1,234.5'
 * formatUsd(1234.5, { fixed: true }) // => '$1,234.50'
 */
export function formatUsd(value: number, options: DecimalOptions = {}): string {
  return `$${formatDecimal(value, 2, options)}`;
}

/**
 * A money figure as hostplan prints it: the currency code, then the amount with two decimals
 * (cost rates and licence list prices are read in USD).
 *
 * @example
 * formatMoneyAmount(9232.5) // => 'USD 9,232.50'
 */
export function formatMoneyAmount(value: number, currency = 'USD'): string {
  return `${currency} ${formatDecimal(value, 2, { fixed: true })}`;
}
