import { formatMoneyAmount } from '@hostplan/core';

/** The currency every cost rate and price is read in (licence list prices are USD; cost files carry no currency). */
export const CURRENCY = 'USD';

/**
 * A money figure with its currency and two decimals; `-` for none.
 *
 * @example
 * money(9232.5) // => 'USD 9,232.50'
 * money(null)   // => '-'
 */
export function money(amount: number | null | undefined, currency = CURRENCY): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '-';
  return formatMoneyAmount(amount, currency);
}
