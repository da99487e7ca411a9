import { formatDecimal, formatMoneyAmount } from '@hostplan/core';

// The report's conventions (a dash for a missing value) over core's one number formatter.

/**
 * A number for people: thousands separators, at most the given decimals, trailing zeros
 * dropped; `∞` for Infinity and `–` for a missing or NaN value.
 *
 * @example
 * formatNumber(1234.56) // => '1,234.6'
 * formatNumber(12, 2) // => '12'
 */
export function formatNumber(value: number | null | undefined, decimals: 0 | 1 | 2 = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  return formatDecimal(value, decimals);
}

/**
 * A share (0..1) as a percentage.
 *
 * @example
 * formatPercent(0.8234) // => '82.3 %'
 */
export function formatPercent(share: number | null | undefined, decimals: 0 | 1 = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${formatNumber(share * 100, decimals)} %`;
}

/**
 * Money with its currency code.
 *
 * @example
 * formatMoney(1234.5, 'USD') // => 'USD 1,234.50'
 */
export function formatMoney(amount: number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '–';
  return formatMoneyAmount(amount, currency);
}
