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
  return formatter(decimals, options.fixed ?? false).format(value);
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
